import type { Channel } from './channels';
import { VILLAGE_CODE_LENGTH, type ReceivingDepartment } from './departments';
import { withinPrefixes } from './division-scope';
import type { ChildFileDropout } from './dropouts';
import type { OrderStatus } from './order-states';
import type { Priority } from './priorities';
import type { Gender } from './report-rules';
import type { Role } from './roles';
import type { OrderRole } from './routing';
import type { SituationCode } from './situations';
import type { ReportStatus } from './api';
import { chineseDate, isRealDate } from './beijing-time';
import { idNumberBirthDate } from './identity';
import { childDateProblems, type ChildDateFacts } from './report-dates';
import type { ChildFileVisit, PlannedVisit } from './visits';

/**
 * The child file (儿童档案, 一人一档): one per child, made by the first report about the child or
 * opened by a village or township worker (摸排), kept by the village unit of the child's place
 * (domain.md, "The child, not the ticket"; 晋政发〔2017〕46号 "一人一档、翔实完备、动态更新").
 */

/** 困境儿童 categories (民政部 classification) and 农村留守儿童; codes fixed by api.md. */
export const CHILD_CATEGORIES = [
  'orphan',
  'de_facto_unsupported',
  'severe_disability',
  'serious_illness',
  'hiv',
  'low_income',
  'abused_by_guardian',
  'street',
  'emergency_accident',
  'left_behind',
] as const;
export type ChildCategory = (typeof CHILD_CATEGORIES)[number];

export const CHILD_CATEGORY_LABELS: Record<ChildCategory, string> = {
  orphan: '孤儿',
  de_facto_unsupported: '事实无人抚养',
  severe_disability: '重残',
  serious_illness: '重病',
  hiv: '艾滋病病毒感染',
  low_income: '低保/贫困家庭',
  abused_by_guardian: '受监护人侵害',
  street: '流浪',
  emergency_accident: '遭遇突发事件或意外伤害',
  left_behind: '农村留守儿童',
};

/** 困境儿童 (every category but 留守): the groups the list and the statistics count apart. */
export function isDistressedCategory(category: ChildCategory): boolean {
  return category !== 'left_behind';
}

export const CHILD_FILE_STATUSES = ['active', 'closed'] as const;
export type ChildFileStatus = (typeof CHILD_FILE_STATUSES)[number];

export const CHILD_FILE_STATUS_LABELS: Record<ChildFileStatus, string> = {
  active: '在册',
  closed: '已销号',
};

/**
 * Why a file is closed (销号). A move within the county is not a closing: the file moves to the
 * new village's unit ("档案资料一并转接"); `moved_out` is a move out of the county.
 */
export const CLOSE_REASONS = [
  'turned_18',
  'situation_resolved',
  'moved_out',
  'deceased',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  turned_18: '年满18周岁',
  situation_resolved: '困境情形已消除',
  moved_out: '迁出本县',
  deceased: '儿童死亡',
  other: '其他原因',
};

/** Help in place for the child (帮扶措施), each with since when and who gives it. */
export const HELP_KINDS = [
  'paired_teacher',
  'subsistence',
  'temporary_relief',
  'counselling',
  'rehabilitation',
  'entrusted_care',
  'other',
] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export const HELP_KIND_LABELS: Record<HelpKind, string> = {
  paired_teacher: '结对帮扶教师',
  subsistence: '低保',
  temporary_relief: '临时救助',
  counselling: '心理辅导',
  rehabilitation: '康复救助',
  entrusted_care: '委托照护',
  other: '其他帮扶',
};

export interface HelpInPlace {
  kind: HelpKind;
  /** The Beijing day the help started, `YYYY-MM-DD`, not after today. */
  since: string;
  /** Who gives it: a teacher, an office, a social worker (≤ 50 characters). */
  provider: string;
  /** ≤ 200 characters. */
  note?: string;
}

/** The child as the file knows them; every field sealed at rest. */
export interface ChildFileChild {
  name?: string;
  gender?: Gender;
  /** `YYYY-MM-DD`, not after today (Beijing). */
  birthDate?: string;
  /** Used only when no birth date is known. */
  ageYears?: number;
  /** 身份证号 (GB 11643, valid check digit). */
  idNumber?: string;
  school?: string;
}

/** A guardian (监护人) or the entrusted carer (委托照护人); sealed at rest. */
export interface ChildFilePerson {
  name?: string;
  phone?: string;
  /** e.g. 母亲, 祖父. */
  relation?: string;
}

/** `POST /children`: a file opened by a village or township worker (摸排). */
export interface CreateChildFileRequest {
  /** The child's village (12 digits) or township (9 digits), within the caller's own divisions. */
  divisionCode: string;
  child: ChildFileChild;
  categories: ChildCategory[];
  guardian?: ChildFilePerson;
  carer?: ChildFilePerson;
  help?: HelpInPlace[];
  /** 重点关注: visited at the start of each school holiday as well; false when left out. */
  priority?: boolean;
}

/**
 * `PATCH /children/:id`: only the fields sent change. `guardian`/`carer` null removes them;
 * `help` replaces the whole list. `status: 'closed'` needs `closeReason` (and `closeNote` for
 * `other`); `divisionCode` moves the file to the new place's village unit.
 */
export interface UpdateChildFileRequest {
  child?: Omit<ChildFileChild, 'school'>;
  school?: string | null;
  categories?: ChildCategory[];
  guardian?: ChildFilePerson | null;
  carer?: ChildFilePerson | null;
  help?: HelpInPlace[];
  status?: ChildFileStatus;
  closeReason?: CloseReason;
  closeNote?: string;
  divisionCode?: string;
  /** 重点关注 on or off; the change is a line of the file's timeline. */
  priority?: boolean;
}

/** Where a file came from: a report about the child, or a worker's 摸排. */
export type ChildFileOrigin = 'report' | 'survey';

/** A line of `GET /children`. */
export interface ChildFileSummary {
  id: string;
  status: ChildFileStatus;
  origin: ChildFileOrigin;
  categories: ChildCategory[];
  divisionCode: string;
  /** Township and village in words: 泗城镇 · 城东社区. */
  placeName: string;
  /** The unit keeping the file (the village's, else the township's); null: none covers the place. */
  unitId: string | null;
  unitName: string | null;
  child: { name?: string; gender?: Gender; ageYears?: number };
  /** Reports about the child, and their orders still open. */
  reportCount: number;
  openOrderCount: number;
  /** When the next visit falls due (the soonest of its planned visits); null while none is planned. */
  nextVisitDueAt: string | null;
  /** 重点关注: visited at the start of each school holiday as well (假期走访). */
  priority: boolean;
  /** 控辍保学: where the child is on the dropout list; null when not on it. */
  dropout: ChildFileDropout | null;
  createdAt: string;
  updatedAt: string;
}

/** How the viewer holds the file (`childFileCapacity`). */
export type ChildFileCapacity = 'keeper' | 'coordinator' | 'order_holder';

/** A report on the file, as its reader may see it (the reporter only as `mayKnowReporter` allows). */
export interface ChildFileReport {
  id: string;
  trackingCode: string;
  channel: Channel;
  status: ReportStatus;
  priority: Priority;
  situations: SituationCode[];
  description: string;
  createdAt: string;
  /** Who reported, when the viewer may know; otherwise only whether they chose anonymity. */
  reporter:
    | {
        /** false: the viewer may not know who reported (anonymous, or confidential to them). */
        disclosed: false;
        /** true: the reporter chose to stay anonymous. */
        anonymous: boolean;
        /** true: the reporter chose confidential (保密): shown to police orders and coordinators only. */
        confidential: boolean;
      }
    | {
        /** true: the reporter's identity is shown to the viewer. */
        disclosed: true;
        name?: string;
        phone?: string;
        relation?: string;
        orgName?: string;
      };
  orders: {
    id: string;
    department: ReceivingDepartment;
    role: OrderRole;
    status: OrderStatus;
    unitName: string | null;
    /** The viewer may open the order (it is theirs, or they coordinate it). */
    mayOpen: boolean;
  }[];
}

export interface ChildFileTimelineEntry {
  at: string;
  /** e.g. `opened`, `report`, `order`, `handoff`, `handover`, `updated`, `moved`, `closed`. */
  kind: string;
  text: string;
  reportId?: string;
  orderId?: string;
}

/** `GET /children/:id`. */
export interface ChildFileDetail extends Omit<ChildFileSummary, 'child'> {
  capacity: ChildFileCapacity;
  /** The viewer may change the file (keeper or coordinator). */
  mayEdit: boolean;
  child: ChildFileChild & { ageYears?: number };
  guardian: ChildFilePerson | null;
  carer: ChildFilePerson | null;
  help: HelpInPlace[];
  closeReason: CloseReason | null;
  closeNote: string | null;
  closedAt: string | null;
  reports: ChildFileReport[];
  handovers: GuardianshipHandover[];
  /** The visits made, newest first. */
  visits: ChildFileVisit[];
  /** The visits the plan holds open (not done, not cancelled), the soonest due first. */
  plannedVisits: PlannedVisit[];
  timeline: ChildFileTimelineEntry[];
}

/** Who asks about a file: roles and unit, as `AuthUser` tells the app. */
export interface ChildFileViewer {
  roles: readonly Role[];
  unit: { id: string; department: string; divisionPrefixes: readonly string[] } | null;
}

/**
 * How the viewer may see a file, or null (the server answers 404): the village and township
 * units of the child's place keep it, the coordinator of the county sees it, and a handler of any
 * other unit only while that unit holds an unresolved order about the child (`holdsOrder`).
 * Administrators never see a child (domain.md, Privacy).
 */
export function childFileCapacity(
  viewer: ChildFileViewer,
  file: { divisionCode: string },
  holdsOrder: boolean,
): ChildFileCapacity | null {
  const { unit, roles } = viewer;
  if (!unit) return null;
  const inPlace = withinPrefixes(file.divisionCode, unit.divisionPrefixes);
  if (
    roles.includes('handler') &&
    (unit.department === 'village' || unit.department === 'township') &&
    inPlace
  ) {
    return 'keeper';
  }
  if (roles.includes('coordinator') && inPlace) return 'coordinator';
  if (roles.includes('handler') && holdsOrder) return 'order_holder';
  return null;
}

/** Keepers and coordinators change a file; order holders only read it. */
export function mayEditChildFile(capacity: ChildFileCapacity): boolean {
  return capacity !== 'order_holder';
}

/** `POST /orders/:id/handover`: the written handover (书面交接) of a child taken into 临时监护. */
export interface GuardianshipHandoverRequest {
  /** When the child was handed over (ISO with offset, not in the future). */
  at: string;
  /** Who handed the child over (name and post), ≤ 50 characters. */
  handedOverBy: string;
  /** Who received the child for civil affairs (name and post), ≤ 50 characters. */
  receivedBy: string;
  /** Where the child was placed (儿童福利机构, 未成年人救助保护机构, 亲属家…), ≤ 100 characters. */
  placedAt: string;
}

export interface GuardianshipHandover extends GuardianshipHandoverRequest {
  id: string;
  orderId: string;
  /** The unit that recorded it. */
  unitName: string | null;
  recordedAt: string;
}

/** Refusals of a file change that no field's shape tells (409). */
export const CHILD_FILE_REFUSAL_CODES = ['CHILD_FILE_EXISTS', 'CHILD_FILE_CLOSED'] as const;
export type ChildFileRefusalCode = (typeof CHILD_FILE_REFUSAL_CODES)[number];

/** The body of a 409 `CHILD_FILE_EXISTS`: the existing file, when the caller may see it. */
export interface ChildFileExistsErrors {
  fileId?: string;
}

/** The fields `childFileRequestErrors` may name, as in the request body. */
type ChildFileRequestBody = Pick<
  UpdateChildFileRequest,
  'help' | 'status' | 'closeReason' | 'closeNote'
> & { child?: ChildFileChild };

/**
 * A birth (the birth date, the one in the 身份证号) after the Beijing day `openedOn` the file was
 * opened, field → reason (`birthDate`, `idNumber`): nobody opens a file for a child not yet born,
 * and the file's visits and reports since would come before the birth. A PATCH of the file and the
 * app's edit form ask it; a birth after today is `childDateProblems`'s to refuse.
 */
export function birthAfterOpeningProblems(
  child: ChildDateFacts,
  openedOn: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const opened = chineseDate(openedOn);
  if (child.birthDate && isRealDate(child.birthDate) && child.birthDate > openedOn) {
    problems.birthDate = `出生日期不能晚于建档日期（${opened}）`;
  }
  const fromId = child.idNumber ? idNumberBirthDate(child.idNumber) : null;
  if (fromId && fromId > openedOn) {
    problems.idNumber = `身份证号中的出生日期（${fromId}）晚于建档日期（${opened}），请核对`;
  }
  return problems;
}

/**
 * Rules of a file request that span fields or depend on the day, once each field has its shape:
 * the child's birth date, 身份证号 and age agree and are not after Beijing's `today` (the report's
 * `childDateProblems`), nor after the day the file was opened (`openedOn`, a PATCH's;
 * `birthAfterOpeningProblems`); help did not start after today (help such as 低保 is the
 * household's and may have begun before the child was born, so no lower bound); `closeReason`
 * comes only with `status: 'closed'`, which needs it, and `other` needs a `closeNote`. The server
 * refuses a body with any (400); the app's forms ask the same. Field → reason, empty when the body
 * is fine.
 */
export function childFileRequestErrors(
  body: ChildFileRequestBody,
  today: string,
  openedOn: string = today,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(childDateProblems(body.child ?? {}, today))) {
    errors[`child.${field}`] = problem;
  }
  for (const [field, problem] of Object.entries(
    birthAfterOpeningProblems(body.child ?? {}, openedOn),
  )) {
    errors[`child.${field}`] ??= problem;
  }
  (body.help ?? []).forEach((help, i) => {
    if (help.since > today) errors[`help.${i}.since`] = '帮扶开始日期不能晚于今天';
  });
  if (body.status === 'closed') {
    if (!body.closeReason) errors.closeReason = '销号请选择原因';
    else if (body.closeReason === 'other' && !body.closeNote) {
      errors.closeNote = '原因选择“其他原因”时，请写明销号说明';
    }
  } else {
    if (body.closeReason) errors.closeReason = '只有销号（status 为 closed）时才填写销号原因';
    if (body.closeNote) errors.closeNote = '只有销号（status 为 closed）时才填写销号说明';
  }
  return errors;
}

/** Length of a county (县/区) division code. */
const COUNTY_CODE_LENGTH = 6;

/**
 * Why a file may not move from `current` to `target`, or null: a move (迁到其他村, "档案资料一并
 * 转接") is to a village of the same county, whose unit then keeps the file; out of the county is a
 * 销号 with `moved_out`. The app asks it before sending; the server before changing anything.
 */
export function childFileMoveProblem(target: string, current: string): string | null {
  if (target.slice(0, COUNTY_CODE_LENGTH) !== current.slice(0, COUNTY_CODE_LENGTH)) {
    return '迁出本县请销号，原因选择迁出本县';
  }
  if (target.length < VILLAGE_CODE_LENGTH) return '请选到村（社区）一级';
  if (target === current) return '孩子已经在这个村，请选择要迁去的村';
  return null;
}
