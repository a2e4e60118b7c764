import type { Channel } from './channels';
import type { GuardianshipHandover } from './child-files';
import type { ClockName } from './clocks';
import type { OrderStatus } from './order-states';
import type { OrderPlacement, OutcomeView } from './reporter-orders';
import type { OrderRole } from './routing';
import type { Department, ReceivingDepartment } from './departments';
import type { Priority } from './priorities';
import type { Gender } from './report-rules';
import type { InviteRole, OrgType, Role } from './roles';
import type { SituationCode } from './situations';

export const API_PREFIX = '/api/v1';

export interface AuthUser {
  id: string;
  roles: Role[];
  unitId?: string;
  unitName?: string;
  /**
   * The department of the user's unit (with `unitId`): the app tells the keepers of child files (a
   * village 儿童主任, a township 儿童督导员) from the handlers of other departments.
   */
  unitDepartment?: Department;
  /**
   * The divisions the user's unit covers (with `unitId`): the app asks `orderCapacity` with them,
   * as the server does, to offer a coordinator the actions on the orders of their county.
   */
  unitDivisionPrefixes?: string[];
  orgName?: string;
  orgType?: OrgType;
}

export interface AuthResponse {
  token: string;
  user: AuthUser;
}

export interface ReportLocation {
  divisionCode: string;
  address?: string;
  latitude?: number;
  longitude?: number;
}

export interface ReportChild {
  name?: string;
  gender?: Gender;
  ageYears?: number;
  birthDate?: string;
  school?: string;
  idNumber?: string;
  guardianName?: string;
  guardianPhone?: string;
  /**
   * Asked for dropouts only (知道孩子现在在哪里吗？): true sends the report to the police too, at P2
   * or higher (domain.md, Situations: dropout).
   */
  whereaboutsUnknown?: boolean;
}

export interface ReportReporter {
  /** true: nobody handling the report learns who filed it; no name or phone goes with it. */
  anonymous: boolean;
  /**
   * Not anonymous: true shows the reporter to police orders and the coordinator only (保密), false
   * or absent to every department (实名).
   */
  confidential?: boolean;
  name?: string;
  phone?: string;
  relation?: string;
  /**
   * Hotline only: the caller agreed to be told by SMS at 受理 and 办结 (the tracking code and the
   * outcome label, nothing else). Needs `phone`.
   */
  smsConsent?: boolean;
}

export interface CreateReportRequest {
  channel: Channel;
  situations: SituationCode[];
  immediateDanger: boolean;
  description: string;
  discoveredAt: string;
  location: ReportLocation;
  child: ReportChild;
  reporter: ReportReporter;
  attachments?: string[];
}

export const REPORT_STATUSES = ['submitted', 'accepted', 'in_progress', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  closed: '已办结',
};

export interface CreatedOrder {
  department: ReceivingDepartment;
  role: OrderRole;
  unitName: string;
  /**
   * Where the order really is: `unit` (a unit of its department, `unitName`), `coordinator` (the
   * county's 联席办 holds it unrouted, `unitName` is the coordinator unit) or `admin` (the admin
   * queue). The app words it with `placementText`.
   */
  placement: OrderPlacement;
  priority: Priority;
  signDueAt: string;
  resolveDueAt: string;
}

export interface ReportCreatedResponse {
  id: string;
  trackingCode: string;
  status: ReportStatus;
  priority: Priority;
  advice: {
    /** true: the child is in danger now; the app tells the reporter to call 110 at once. */
    call110: boolean;
  };
  orders: CreatedOrder[];
}

export interface TimelineEntry {
  at: string;
  kind: string;
  text: string;
}

/**
 * One department's order as the reporter sees it: the kind of department, where the order really
 * is, its state, its current sign and resolve deadlines (ISO; null once stopped or never set) and
 * its result once given. Never a unit's or a handler's name (domain.md, The reporter's side).
 */
export interface ReporterOrderView {
  department: ReceivingDepartment;
  role: OrderRole;
  placement: OrderPlacement;
  status: OrderStatus;
  signDueAt: string | null;
  resolveDueAt: string | null;
  result: OutcomeView | null;
}

export interface ReporterReportView {
  id: string;
  trackingCode: string;
  status: ReportStatus;
  priority: Priority;
  createdAt: string;
  timeline: TimelineEntry[];
  /** Every order, lead first; each department's result appears as soon as it is given. */
  orders: ReporterOrderView[];
  /** The lead's result, once the report is closed (every order resolved). */
  outcome?: OutcomeView;
  rating?: { score: number; comment?: string };
  /**
   * What the report was about, in the reporter's own words: only to the logged-in owner
   * (`GET /reports/:id`, `/reports/mine`), never by tracking code, which can be overheard.
   */
  reported?: { description: string; situations: SituationCode[] };
  /**
   * When the report lost its personal details at the end of its retention period (ISO); views
   * then say `PURGED_NOTICE` instead of the details. Absent while they are kept.
   */
  purgedAt?: string;
}

export interface HealthResponse {
  /** `ok`: serving. `degraded` is not answered: when the database does not answer, the check is 503. */
  status: 'ok' | 'degraded';
  /** `up`: the database answers. `down` is not answered (503 instead). */
  database: 'up' | 'down';
  /** `mysql`: MariaDB or MySQL; `better-sqlite3`: the embedded SQLite file. */
  driver: 'mysql' | 'better-sqlite3';
}

export interface CreateUnitRequest {
  name: string;
  department: Department;
  divisionPrefixes: string[];
  parentId?: string;
  /** The duty phone (值班电话) that gets an SMS for every P1 order and escalation; stored normalised. */
  dutyPhone?: string;
}

/** `PATCH /admin/units/:id`: a new duty phone, or null to remove it. */
export interface UpdateUnitRequest {
  dutyPhone: string | null;
}

export interface Unit extends CreateUnitRequest {
  id: string;
  createdAt: string;
}

export interface CreateInviteRequest {
  role: InviteRole;
  unitId?: string;
  orgName?: string;
  orgType?: OrgType;
}

export interface Invite {
  code: string;
  role: InviteRole;
  unitId?: string;
  orgName?: string;
  orgType?: OrgType;
  expiresAt: string;
}

/**
 * `GET /audit`, one row. A row whose actor acted as the reporter of the report it is about shows,
 * to a viewer who may not know that reporter, `actorUserId: null`, `ip: null`, `actorUnitId: null`,
 * the roles the report's channel tells, and `actorPseudonym` (`报告人·3f9a1c`): the same on every
 * row of that reporter on that report, different on each report. Otherwise `actorPseudonym` is null.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorPseudonym: string | null;
  actorRoles: Role[];
  actorUnitId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  divisionCode: string | null;
  ip: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface OrderSummary {
  id: string;
  reportId: string;
  department: ReceivingDepartment;
  role: OrderRole;
  status: OrderStatus;
  priority: Priority;
  initialPriority: Priority;
  unitId: string | null;
  unitName: string | null;
  /** true: no unit of the department covers the place; the coordinator must assign it (改派). */
  unrouted: boolean;
  situations: SituationCode[];
  divisionCode: string;
  signDueAt: string | null;
  contactDueAt: string | null;
  feedbackDueAt: string | null;
  resolveDueAt: string | null;
  returnDueAt: string;
  /** The running clock that falls due first, for the countdown; null when none runs. */
  nextClock: { clock: ClockName; dueAt: string } | null;
  /** Clocks that are running past their deadline. */
  overdue: ClockName[];
  escalationLevel: number;
  extensionPendingDays: number | null;
  extensionsGranted: number;
  /** When the unit recorded 已接触儿童; null before. */
  contactedAt: string | null;
  /** Township (and village) of the report, in words: 泗城镇 · 某村. */
  placeName: string;
  outcome: OutcomeView | null;
  /**
   * The order a handoff (转接) brought this one in from; null for an order routed from the report.
   * The reporter is never told about a handed-off order, so it takes no notes for the reporter.
   */
  handedOffFrom: string | null;
  createdAt: string;
}

/** The coordinator's lists beside the statuses (`GET /orders?queue=`). */
export const ORDER_QUEUES = ['unrouted', 'escalated', 'extension', 'low_rating'] as const;
export type OrderQueue = (typeof ORDER_QUEUES)[number];

export const ORDER_QUEUE_LABELS: Record<OrderQueue, string> = {
  unrouted: '未匹配区划',
  escalated: '已督办/超时',
  extension: '延期待审批',
  low_rating: '低评分待复核',
};

/** A unit an order may be moved to (转办, 改派). */
export interface UnitChoice {
  id: string;
  name: string;
  department: Department;
}

export interface OrderEventView {
  at: string;
  kind: string;
  text: string;
  actorRole: string | null;
  /** true: the reporter sees this entry in 我的报告; false: staff only. */
  reporterVisible: boolean;
}

/** A report as handlers see it: the child and the reporter only as far as the rules allow. */
export interface ReportDetails {
  view: 'full';
  id: string;
  trackingCode: string;
  channel: Channel;
  status: ReportStatus;
  priority: Priority;
  situations: SituationCode[];
  /** true: the reporter said the child is in danger now (police lead, P1). */
  immediateDanger: boolean;
  description: string;
  discoveredAt: string;
  createdAt: string;
  location: ReportLocation & { divisionPath: { code: string; name: string }[] };
  child: ReportChild | null;
  reporter:
    | {
        /** false: the caller may not know who reported (anonymous, or confidential to this order). */
        disclosed: false;
        /** true: the reporter chose to stay anonymous. */
        anonymous: boolean;
        /** true: the reporter chose confidential (保密): shown to police orders and coordinators only. */
        confidential: boolean;
      }
    | ({
        /** true: the reporter's identity is shown to the caller. */
        disclosed: true;
        orgName?: string;
      } & ReportReporter);
  /** true: the same child has another open report, or one closed within a year (priority raised). */
  repeat: boolean;
  /** Photos and videos, fetched one by one from `GET /orders/:id/attachments/:attachmentId`. */
  attachments: {
    id: string;
    /** `image`: a photo; `video`: a video. */
    kind: 'image' | 'video';
    mime: string;
    size: number;
  }[];
  /**
   * When the report lost its personal details at the end of its retention period (ISO): the
   * description is then empty, child and address absent, the reporter undisclosed, no attachments.
   */
  purgedAt?: string;
}

/**
 * A report as an administrator sees it on the admin queue (capacity `admin`): what routing needs —
 * the situations, immediate danger, priority, place (division codes and names, not the address)
 * and when it was found and filed — and nothing that identifies the child or the reporter (no
 * child, no reporter, no description, no attachments; domain.md, Privacy).
 */
export interface ReportRoutingView {
  view: 'routing';
  id: string;
  channel: Channel;
  status: ReportStatus;
  priority: Priority;
  situations: SituationCode[];
  /** true: the reporter said the child is in danger now (police lead, P1). */
  immediateDanger: boolean;
  discoveredAt: string;
  createdAt: string;
  location: { divisionCode: string; divisionPath: { code: string; name: string }[] };
}

export interface OrderDetail<
  R extends ReportDetails | ReportRoutingView = ReportDetails | ReportRoutingView,
> {
  order: OrderSummary;
  /** `routing` for an administrator (capacity `admin`), `full` for handlers and coordinators. */
  report: R;
  otherOrders: {
    department: ReceivingDepartment;
    role: OrderRole;
    status: OrderStatus;
    unitName: string | null;
  }[];
  timeline: OrderEventView[];
  /**
   * The child's file, when the caller may open it (`childFileCapacity`); null otherwise (and for
   * administrators, who see no child).
   */
  childFile: { id: string } | null;
  /** The written handovers (书面交接) of a child taken into 临时监护 on this report's orders. */
  handovers: GuardianshipHandover[];
}

/**
 * `GET /hotline/callbacks`: a closed hotline report the operator registered whose caller has not
 * been reached for a 回访 yet, oldest closing first. The caller's name and phone are shown to the
 * operator who typed them in, no one else.
 */
export interface HotlineCallback {
  reportId: string;
  trackingCode: string;
  closedAt: string;
  callerName: string | null;
  callerPhone: string | null;
  /** The outcome label of each resolved order, lead first. */
  outcomes: string[];
  /** Earlier calls that did not reach the caller. */
  unreachedCalls: number;
}

/** `POST /reports/:id/callback`: one call to the caller; `score` 1–5 only when they were reached. */
export interface CallbackRequest {
  reached: boolean;
  score?: number;
  comment?: string;
}
