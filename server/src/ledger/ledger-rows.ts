import {
  CHANNEL_LABELS,
  CHILD_CATEGORY_LABELS,
  CHILD_FILE_STATUS_LABELS,
  DEPARTMENT_SHORT_LABELS,
  DROPOUT_STATE_LABELS,
  GENDER_LABELS,
  ORDER_STATUS_LABELS,
  ORG_TYPE_LABELS,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  REPORTER_IDENTITY_TEXTS,
  SITUATION_SHORT_LABELS,
  childFileAge,
  mayKnowReporter,
  orderCapacity,
  reportingDelayHours,
  shanghaiDateTime,
  withinPrefixes,
  type ChildFileChild,
  type DisclosureViewer,
  type ReceivingDepartment,
  type ReportChild,
} from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import type {
  LedgerClock,
  LedgerChildFile,
  LedgerOrderFields,
  LedgerReport,
} from './ledger.repository';
import { maskIdNumber, maskName, maskTrackingCode } from './masking';

/** A sheet's column: its heading and width in characters. */
export interface LedgerColumn {
  header: string;
  width: number;
}

export type Cell = string | number;

export const REPORT_COLUMNS: LedgerColumn[] = [
  { header: '查询码（部分）', width: 14 },
  { header: '提交时间', width: 17 },
  { header: '发现时间', width: 17 },
  { header: '报告延迟（小时）', width: 10 },
  { header: '渠道', width: 10 },
  { header: '情形', width: 24 },
  { header: '紧急程度', width: 8 },
  { header: '乡镇', width: 12 },
  { header: '村', width: 12 },
  { header: '报告单位', width: 20 },
  { header: '儿童', width: 8 },
  { header: '身份证号', width: 20 },
  { header: '报告人', width: 18 },
  { header: '工单', width: 60 },
  { header: '办理结果', width: 30 },
  { header: '评分', width: 6 },
  { header: '重复报告', width: 8 },
  { header: '儿童档案', width: 38 },
];

export const FILE_COLUMNS: LedgerColumn[] = [
  { header: '儿童', width: 8 },
  { header: '性别', width: 6 },
  { header: '年龄', width: 6 },
  { header: '类别', width: 24 },
  { header: '状态', width: 8 },
  { header: '村', width: 20 },
  { header: '管档单位', width: 20 },
  { header: '最近走访', width: 17 },
  { header: '下次走访应在', width: 17 },
  { header: '控辍保学', width: 10 },
  { header: '儿童档案', width: 38 },
];

/** An order with its clocks. */
export interface LedgerOrder {
  order: LedgerOrderFields;
  clocks: LedgerClock[];
}

/** The reporter's sealed identity, once opened. */
export interface ReporterIdentity {
  name?: string;
  phone?: string;
}

/**
 * How the caller sees a report in the 台账, by the rules of its orders (`orderCapacity`): as the
 * county's coordinator; else as the handler of one of its orders (a police order first, which
 * may know a confidential reporter); else not at all — they see the row because the report lies
 * in their place, and its child and reporter stay masked (README, What is sealed and who sees what).
 */
export function reportViewer(
  actor: Actor,
  report: LedgerReport,
  orders: readonly LedgerOrder[],
): DisclosureViewer | null {
  const capacities = orders.map(({ order }) => ({ order, capacity: orderCapacity(actor, order) }));
  const coordinates =
    capacities.some(({ capacity }) => capacity === 'coordinator') ||
    (hasRole(actor, 'coordinator') &&
      withinPrefixes(report.divisionCode, actor.unit?.divisionPrefixes ?? []));
  if (coordinates) return { capacity: 'coordinator', department: 'township' };
  const held: ReceivingDepartment[] = capacities
    .filter(({ capacity }) => capacity === 'handler')
    .map(({ order }) => order.department);
  if (held.length === 0) return null;
  return { capacity: 'handler', department: held.includes('police') ? 'police' : held[0] };
}

/** The reporter column: who, to a viewer who may know; otherwise only what they chose. */
export function reporterCell(
  report: LedgerReport,
  viewer: DisclosureViewer | null,
  identity: ReporterIdentity | null,
): string {
  if (report.reporterAnonymous) return REPORTER_IDENTITY_TEXTS.anonymous.label;
  const privacy = { anonymous: false, confidential: report.reporterConfidential };
  if (identity && viewer && mayKnowReporter(privacy, viewer)) {
    return [identity.name, identity.phone].filter(Boolean).join(' ');
  }
  return REPORTER_IDENTITY_TEXTS[report.reporterConfidential ? 'confidential' : 'named'].label;
}

/**
 * The institution the report was filed for: the register's name (else the typed one) to a viewer
 * who may know the reporter, since the institution may name them; to others its type only.
 */
export function institutionCell(
  report: LedgerReport,
  viewer: DisclosureViewer | null,
  registerName: string | null,
): string {
  const name = registerName ?? report.reporterOrgName;
  if (!name) return '';
  const privacy = {
    anonymous: report.reporterAnonymous,
    confidential: report.reporterConfidential,
  };
  if (viewer && mayKnowReporter(privacy, viewer)) return name;
  return report.reporterOrgType
    ? `${ORG_TYPE_LABELS[report.reporterOrgType]}（单位不公开）`
    : '单位不公开';
}

/** `按时`, `超时` (stopped late), `已超时` (still running past due) or `未到期`. */
export function clockVerdict(clock: LedgerClock, now: Date): string {
  if (clock.stoppedAt) return clock.stoppedAt <= clock.dueAt ? '按时' : '超时';
  return clock.dueAt <= now ? '已超时' : '未到期';
}

const ORDER_STEPS = [
  { clock: 'sign', label: '签收', at: (o: LedgerOrderFields) => o.signedAt },
  { clock: 'contact', label: '接触', at: (o: LedgerOrderFields) => o.contactedAt },
  { clock: 'resolve', label: '办结', at: (o: LedgerOrderFields) => o.resolvedAt },
] as const;

/** `公安（泗县公安局）已办结：签收 2026-11-03 10:05（按时）；接触 …（超时）；办结 …（按时）`. */
export function orderLine(
  { order, clocks }: LedgerOrder,
  unitName: string | null,
  now: Date,
): string {
  const steps = ORDER_STEPS.flatMap(({ clock, label, at }) => {
    const running = clocks.find((c) => c.clock === clock);
    const when = at(order);
    if (!running && !when) return [];
    const verdict = running ? `（${clockVerdict(running, now)}）` : '';
    return [`${label} ${when ? shanghaiDateTime(when) : '未完成'}${verdict}`];
  });
  const head = `${DEPARTMENT_SHORT_LABELS[order.department]}（${unitName ?? '未分派单位'}）${ORDER_STATUS_LABELS[order.status]}`;
  return steps.length > 0 ? `${head}：${steps.join('；')}` : head;
}

export interface ReportRowFacts {
  report: LedgerReport;
  orders: LedgerOrder[];
  viewer: DisclosureViewer | null;
  /** The child as the reporter gave them; null once the report was purged. */
  child: ReportChild | null;
  reporter: ReporterIdentity | null;
  institutionName: string | null;
  townshipName: string;
  villageName: string;
  unitNames: ReadonlyMap<string, string>;
  now: Date;
}

/** One row of 报告台账, in `REPORT_COLUMNS` order. Times are Beijing `YYYY-MM-DD HH:mm`. */
export function reportRow(facts: ReportRowFacts): Cell[] {
  const { report, orders, viewer, child, now } = facts;
  const sees = viewer !== null;
  const delayHours =
    Math.round(reportingDelayHours(report.discoveredAt, report.createdAt) * 10) / 10;
  const outcomes = orders
    .filter(({ order }) => order.outcome)
    .map(
      ({ order }) =>
        `${DEPARTMENT_SHORT_LABELS[order.department]}：${OUTCOME_LABELS[order.outcome!]}`,
    );
  return [
    maskTrackingCode(report.trackingCode),
    shanghaiDateTime(report.createdAt),
    shanghaiDateTime(report.discoveredAt),
    delayHours,
    CHANNEL_LABELS[report.channel],
    report.situations.map((code) => SITUATION_SHORT_LABELS[code]).join('、'),
    PRIORITY_LABELS[report.priority],
    facts.townshipName,
    facts.villageName,
    institutionCell(report, viewer, facts.institutionName),
    child?.name ? (sees ? child.name : maskName(child.name)) : '',
    child?.idNumber ? (sees ? child.idNumber : maskIdNumber(child.idNumber)) : '',
    reporterCell(report, viewer, facts.reporter),
    orders
      .map((o) =>
        orderLine(o, o.order.unitId ? (facts.unitNames.get(o.order.unitId) ?? null) : null, now),
      )
      .join('\n'),
    outcomes.join('；'),
    report.ratingScore ?? '',
    report.repeatReport ? '是' : '否',
    report.childFileId ?? '',
  ];
}

export interface FileRowFacts {
  file: LedgerChildFile;
  child: ChildFileChild | null;
  placeName: string;
  unitName: string;
  /** Beijing `YYYY-MM-DD`, for the age. */
  today: string;
}

/**
 * One row of 儿童档案, in `FILE_COLUMNS` order. The name is always masked: the sheet is the
 * register's summary that travels with the file; the app opens the file itself.
 */
export function fileRow({ file, child, placeName, unitName, today }: FileRowFacts): Cell[] {
  const gender = file.childGender ?? child?.gender;
  return [
    child?.name ? maskName(child.name) : '',
    gender ? GENDER_LABELS[gender] : '',
    (child && childFileAge(child, today)) ?? '',
    file.categories.map((category) => CHILD_CATEGORY_LABELS[category]).join('、'),
    CHILD_FILE_STATUS_LABELS[file.status],
    placeName,
    unitName,
    file.lastVisitAt ? shanghaiDateTime(file.lastVisitAt) : '',
    file.nextVisitDueAt ? shanghaiDateTime(file.nextVisitDueAt) : '',
    file.dropoutState ? DROPOUT_STATE_LABELS[file.dropoutState] : '',
    file.id,
  ];
}
