import {
  OUTCOME_LABELS,
  extensionDayChoices,
  extensionLabel,
  extensionOffer,
  orderCapacity,
  OUTCOMES_BY_DEPARTMENT,
  PRIORITIES,
  priorityText,
  reachesReporter,
  TEXT_LIMITS,
  textProblem,
  transition,
  visibleLength,
  type ActionRequest,
  type AuthUser,
  type OrderActorCapacity,
  type OrderSummary,
  type TextLimit,
} from '@shouhu/shared';
import type { FieldProblems } from '../components/form-problems';
import { orderActionPath, type OrderActionBodies, type OrderActionPath } from '../services/orders';
import type { QueuedStaffRequest, StaffRequest } from '../services/staff-outbox';

export type FieldValues = Record<string, string>;

export interface ActionField {
  name: string;
  label: string;
  /** `time`: a time of today, stored as an ISO instant; `position`: the phone's, when tapped. */
  kind: 'text' | 'choice' | 'unit' | 'time' | 'position';
  /** For `choice`: value → label. */
  options?: { value: string; label: string }[];
  optional?: boolean;
  initial?: string;
  /** For `text`: the API's bounds (shared TEXT_LIMITS), also the input's maxlength. */
  limit?: TextLimit;
  placeholder?: string;
  /** For `choice`: value → a warning shown under the field while that value is chosen. */
  warnings?: Record<string, string>;
  /** The body fields it is sent as, when not its own name: a position is two numbers. */
  sentAs?: readonly string[];
}

/**
 * How a handler's act waits on the phone when there is no signal (issue 15: 签收, 已接触儿童,
 * notes and 办结 taken in a courtyard are sent when the network returns, once).
 */
export interface OfflineAct {
  /** What the staff outbox calls it. */
  label: string;
  /** The act happens once per order (签收, 接触, 办结): it is never queued twice. */
  once: boolean;
  /** A body field that takes the moment of the press when left empty (接触 happened then, not when sent). */
  stamp?: 'at';
  /** The order as it will be once the server has the act, so the page offers what comes next. */
  applied?: (order: OrderSummary, at: string) => OrderSummary;
}

export interface OrderActionSpec {
  key: string;
  path: OrderActionPath;
  label: string;
  /** The question the confirmation dialog asks: what will happen, in plain words. */
  confirm: string;
  /**
   * Cannot be taken back (the order leaves the unit, the reporter is told, a decision is recorded):
   * the sheet is followed by the dialog. A reversible act with fields is confirmed by the sheet's own
   * button; an act without fields skips the sheet and is confirmed by the dialog alone.
   */
  irreversible: boolean;
  /** What the toast says once the server accepted: what now holds, never 成功. */
  toast: string;
  fields: (order: OrderSummary) => ActionField[];
  body: (values: FieldValues) => OrderActionBodies[OrderActionPath];
  request: ActionRequest;
  capacity: OrderActorCapacity;
  /** Present for the acts that may wait on the phone for the network. */
  offline?: OfflineAct;
}

/** Shown while a note is marked 对报告人可见, and added to its confirmation. */
export const REPORTER_WILL_READ = '报告人会看到这条记录，请不要写孩子和其他人的隐私';

/** 对报告人可见 on a note: off unless chosen, with the warning while it is on. */
const reporterVisibleChoice: ActionField = {
  name: 'reporterVisible',
  label: '对报告人可见',
  kind: 'choice',
  initial: 'false',
  options: [
    { value: 'false', label: '仅内部可见' },
    { value: 'true', label: '对报告人可见' },
  ],
  warnings: { true: REPORTER_WILL_READ },
};

const reason = (label = '原因'): ActionField => ({
  name: 'reason',
  label,
  kind: 'text',
  limit: TEXT_LIMITS.reason,
});

const priorityChoice: ActionField = {
  name: 'priority',
  label: '调整为',
  kind: 'choice',
  options: PRIORITIES.map((p) => ({ value: p, label: priorityText(p) })),
};

/** Both a unit and the coordinator may re-prioritise; only the coordinator may lower a P1. */
function priorityAction(key: string, capacity: OrderActorCapacity): OrderActionSpec {
  return {
    key,
    path: 'priority',
    label: '调整优先级',
    confirm: '确认调整优先级？时限会按新的优先级计算。',
    irreversible: false,
    toast: '已调整优先级',
    fields: () => [priorityChoice, reason('调整原因')],
    body: (v) => ({ priority: v.priority as OrderSummary['priority'], reason: v.reason.trim() }),
    request: { action: 'priority', priority: 'P3' },
    capacity,
  };
}

const HANDLER_ACTIONS: OrderActionSpec[] = [
  {
    key: 'sign',
    path: 'sign',
    label: '签收',
    confirm: '确认签收这张工单？签收后开始计算反馈报告人的时限。',
    irreversible: false,
    toast: '已签收',
    fields: () => [],
    body: () => ({}),
    request: { action: 'sign' },
    capacity: 'handler',
    offline: {
      label: '签收工单',
      once: true,
      applied: (order) => ({ ...order, status: 'in_progress' }),
    },
  },
  {
    key: 'contact',
    path: 'contact',
    label: '记录接触',
    confirm: '确认已经见到或联系上孩子？接触时间会记入工单，首次核查时限随之完成。',
    irreversible: false,
    toast: '已记录接触',
    fields: () => [
      { name: 'at', label: '什么时候见到或联系上的（默认刚才）', kind: 'time', optional: true },
      {
        name: 'note',
        label: '情况说明（选填）',
        kind: 'text',
        optional: true,
        limit: TEXT_LIMITS.contactNote,
      },
      {
        name: 'position',
        label: '位置（选填）',
        kind: 'position',
        optional: true,
        sentAs: ['latitude', 'longitude'],
      },
    ],
    body: (v) => ({
      ...(v.at ? { at: v.at } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(v.position ? (JSON.parse(v.position) as { latitude: number; longitude: number }) : {}),
    }),
    request: { action: 'contact' },
    capacity: 'handler',
    offline: {
      label: '记录接触',
      once: true,
      stamp: 'at',
      applied: (order, at) => ({ ...order, contactedAt: at }),
    },
  },
  {
    key: 'note',
    path: 'notes',
    label: '处理记录',
    confirm: '确认保存这条处理记录？保存后不能删除。',
    irreversible: false,
    toast: '已保存记录',
    // A handed-off order never reaches the reporter, so its notes stay internal (the server's 400).
    fields: (order) => [
      { name: 'text', label: '处理记录', kind: 'text', limit: TEXT_LIMITS.noteText },
      ...(reachesReporter(order) ? [reporterVisibleChoice] : []),
    ],
    body: (v) => ({ text: v.text.trim(), reporterVisible: v.reporterVisible === 'true' }),
    request: { action: 'note' },
    capacity: 'handler',
    offline: { label: '处理记录', once: false },
  },
  {
    key: 'extension',
    path: 'extension',
    label: '申请延期',
    confirm: '确认提交延期申请？需要联席办审批。',
    irreversible: false,
    toast: '已申请延期',
    // Offers exactly what the server grants (shared extensionOffer): the police 立案审查 step, or
    // the working days.
    fields: (order) => {
      const offer = extensionOffer(order);
      if (!offer) return [];
      const choice: ActionField =
        offer.kind === 'case_review'
          ? {
              name: 'caseReview',
              label: '延期',
              kind: 'choice',
              initial: 'next',
              options: [{ value: 'next', label: extensionLabel(offer) }],
            }
          : {
              name: 'workingDays',
              label: '延长几个工作日',
              kind: 'choice',
              options: extensionDayChoices(offer).map((d) => ({
                value: String(d),
                label: `${d}天`,
              })),
            };
      return [choice, reason('延期原因')];
    },
    body: (v) => ({
      ...(v.workingDays ? { workingDays: Number(v.workingDays) } : {}),
      reason: v.reason.trim(),
    }),
    request: { action: 'extension' },
    capacity: 'handler',
  },
  {
    key: 'return',
    path: 'return',
    label: '退单',
    confirm: '确认退回这张工单？退回后本单位不能再办理，由联席办改派。',
    irreversible: true,
    toast: '已退单',
    fields: () => [reason('退单原因（如：不属于本单位辖区）')],
    body: (v) => ({ reason: v.reason.trim() }),
    request: { action: 'return' },
    capacity: 'handler',
  },
  {
    key: 'transfer',
    path: 'transfer',
    label: '转办',
    confirm: '确认转给所选单位办理？转出后本单位不能再办理，时限重新计算。',
    irreversible: true,
    toast: '已转办',
    fields: () => [{ name: 'unitId', label: '转给', kind: 'unit' }, reason('转办原因')],
    body: (v) => ({ unitId: v.unitId, reason: v.reason.trim() }),
    request: { action: 'transfer' },
    capacity: 'handler',
  },
  priorityAction('priority', 'handler'),
  {
    key: 'resolve',
    path: 'resolve',
    label: '办结',
    confirm: '确认办结？办理结果和给报告人的说明会立即告诉报告人，办结后不能修改。',
    irreversible: true,
    toast: '已办结',
    fields: (order) => [
      {
        name: 'outcome',
        label: '办理结果',
        kind: 'choice',
        options: OUTCOMES_BY_DEPARTMENT[order.department].map((o) => ({
          value: o,
          label: OUTCOME_LABELS[o],
        })),
      },
      {
        name: 'reporterSummary',
        label: '给报告人的说明（报告人能看到，不写孩子隐私）',
        kind: 'text',
        limit: TEXT_LIMITS.reporterSummary,
      },
      { name: 'detail', label: '内部办理情况', kind: 'text', limit: TEXT_LIMITS.resolveDetail },
    ],
    body: (v) => ({
      outcome: v.outcome,
      reporterSummary: v.reporterSummary.trim(),
      detail: v.detail.trim(),
    }),
    request: { action: 'resolve' },
    capacity: 'handler',
    offline: {
      label: '办结工单',
      once: true,
      applied: (order) => ({ ...order, status: 'resolved' }),
    },
  },
];

const COORDINATOR_ACTIONS: OrderActionSpec[] = [
  {
    key: 'reassign',
    path: 'reassign',
    label: '改派',
    confirm: '确认改派给所选单位？原单位不能再办理，时限重新计算。',
    irreversible: true,
    toast: '已改派',
    fields: () => [{ name: 'unitId', label: '改派给', kind: 'unit' }, reason('改派原因')],
    body: (v) => ({ unitId: v.unitId, reason: v.reason.trim() }),
    request: { action: 'reassign' },
    capacity: 'coordinator',
  },
  {
    key: 'extension_decision',
    path: 'extension/decision',
    label: '审批延期',
    confirm: '确认提交审批意见？提交后不能更改，申请单位会看到。',
    irreversible: true,
    toast: '已审批延期',
    fields: () => [
      {
        name: 'approve',
        label: '审批',
        kind: 'choice',
        options: [
          { value: 'true', label: '同意延期' },
          { value: 'false', label: '不同意' },
        ],
      },
      {
        name: 'note',
        label: '审批意见（选填）',
        kind: 'text',
        optional: true,
        limit: TEXT_LIMITS.decisionNote,
      },
    ],
    body: (v) => ({
      approve: v.approve === 'true',
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    }),
    request: { action: 'extension_decision' },
    capacity: 'coordinator',
  },
  {
    key: 'reopen',
    path: 'reopen',
    label: '重办',
    confirm: '确认要求重新办理？报告人会看到“重新办理”，办结时限重新计算。',
    irreversible: true,
    toast: '已要求重办',
    fields: () => [reason('重办原因')],
    body: (v) => ({ reason: v.reason.trim() }),
    request: { action: 'reopen' },
    capacity: 'coordinator',
  },
  priorityAction('coordinator_priority', 'coordinator'),
  {
    key: 'coordinator_note',
    path: 'notes',
    label: '督办意见',
    confirm: '确认保存这条意见？保存后不能删除。',
    irreversible: false,
    toast: '已保存意见',
    fields: () => [{ name: 'text', label: '意见', kind: 'text', limit: TEXT_LIMITS.noteText }],
    body: (v) => ({ text: v.text.trim(), reporterVisible: false }),
    request: { action: 'note' },
    capacity: 'coordinator',
  },
];

/**
 * In which capacity the logged-in user acts on this order: the server's rule (shared
 * `orderCapacity`), asked with the unit and divisions the login told.
 */
export function capacityFor(user: AuthUser | null, order: OrderSummary): OrderActorCapacity | null {
  if (!user) return null;
  const unit = user.unitId
    ? { id: user.unitId, divisionPrefixes: user.unitDivisionPrefixes ?? [] }
    : null;
  return orderCapacity({ roles: user.roles, unit }, order);
}

/** The actions the state machine allows now; the rest are not shown at all. */
export function availableActions(
  order: OrderSummary,
  capacity: OrderActorCapacity | null,
  now: Date,
): OrderActionSpec[] {
  if (!capacity) return [];
  const facts = {
    department: order.department,
    status: order.status,
    priority: order.priority,
    contactedAt: order.contactedAt ? new Date(order.contactedAt) : null,
    extensionPending: order.extensionPendingDays !== null,
    extensionsGranted: order.extensionsGranted,
    returnDueAt: new Date(order.returnDueAt),
  };
  const specs = capacity === 'handler' ? HANDLER_ACTIONS : COORDINATOR_ACTIONS;
  return specs.filter((spec) => {
    // Any change of priority is possible; the same one is refused, so ask with a different one.
    const request =
      spec.request.action === 'priority'
        ? { action: 'priority' as const, priority: order.priority === 'P3' ? 'P2' : 'P3' }
        : spec.request;
    return transition(facts, request as ActionRequest, capacity, now).ok;
  });
}

/** What still has to be filled in before the action can be sent, by field name. */
export function fieldProblems(fields: ActionField[], values: FieldValues): FieldProblems {
  return Object.fromEntries(
    fields.flatMap((field) => {
      const value = values[field.name] ?? '';
      if (visibleLength(value) === 0) {
        return field.optional ? [] : [[field.name, `请填写：${field.label}`]];
      }
      const problem = field.limit && textProblem(value.trim(), field.limit);
      return problem ? [[field.name, problem]] : [];
    }),
  );
}

/**
 * The server's reasons by body field (its 400 `errors`), moved to the sheet's fields that send
 * them (a refused `latitude` is the position's); a body field no sheet field sends keeps its name,
 * so the sheet lists it rather than dropping it.
 */
export function problemsByField(fields: ActionField[], refused: FieldProblems): FieldProblems {
  return Object.fromEntries(
    Object.entries(refused).map(([sent, reason]) => [
      fields.find((field) => (field.sentAs ?? [field.name]).includes(sent))?.name ?? sent,
      reason,
    ]),
  );
}

export function initialValues(fields: ActionField[]): FieldValues {
  return Object.fromEntries(fields.flatMap((f) => (f.initial ? [[f.name, f.initial]] : [])));
}

/** Every action the order page can offer, in either capacity: the table the page's words come from. */
export const ORDER_ACTION_SPECS: readonly OrderActionSpec[] = [
  ...HANDLER_ACTIONS,
  ...COORDINATOR_ACTIONS,
];

/**
 * The dialog's question before sending, or null when the sheet's own button was the one
 * confirmation (issue 11: one confirmation for a reversible act, a dialog for an irreversible one).
 * An act without fields has no sheet, so the dialog is its confirmation; a chosen value that carries
 * a warning (a note the reporter will read) is repeated in the dialog.
 */
export function confirmationFor(
  spec: OrderActionSpec,
  order: OrderSummary,
  values: FieldValues,
): string | null {
  const fields = spec.fields(order);
  const warnings = fields.flatMap((f) => {
    const warning = f.warnings?.[values[f.name] ?? ''];
    return warning ? [warning] : [];
  });
  if (warnings.length > 0) return `${spec.confirm}${warnings.map((w) => `${w}。`).join('')}`;
  return spec.irreversible || fields.length === 0 ? spec.confirm : null;
}

/** From this many units on, the unit list of 转办 and 改派 has a search box. */
export const UNIT_SEARCH_FROM = 7;

/**
 * The units whose name holds every typed word (spaces separate words; full-width letters and
 * digits match their half-width forms).
 */
export function matchUnits<T extends { name: string }>(units: readonly T[], query: string): T[] {
  const words = query.normalize('NFKC').trim().toLowerCase().split(/\s+/).filter(Boolean);
  return units.filter((unit) => {
    const name = unit.name.normalize('NFKC').toLowerCase();
    return words.every((word) => name.includes(word));
  });
}

/** The handler's acts that may wait on the phone for the network. */
const OFFLINE_ACTIONS = HANDLER_ACTIONS.filter((spec) => spec.offline);

/** An act of this order that the phone holds until the network returns. */
export interface WaitingAct {
  spec: OrderActionSpec;
  request: QueuedStaffRequest;
}

/** This order's acts waiting in the staff outbox, oldest first. */
export function waitingActs(orderId: string, queued: readonly QueuedStaffRequest[]): WaitingAct[] {
  return queued.flatMap((request) => {
    const spec = OFFLINE_ACTIONS.find((s) => request.path === orderActionPath(orderId, s.path));
    return spec ? [{ spec, request }] : [];
  });
}

/**
 * The order as it will be once its waiting acts reach the server (signed, contacted, resolved),
 * so the page offers what comes next and never the same act again.
 */
export function orderAfterWaiting(
  order: OrderSummary,
  waiting: readonly WaitingAct[],
): OrderSummary {
  return waiting.reduce((current, { spec, request }) => {
    const at = (request.body as { at?: string }).at ?? request.queuedAt;
    return spec.offline?.applied?.(current, at) ?? current;
  }, order);
}

/**
 * What the staff outbox keeps for an act pressed with no signal, under the key of the press; null
 * for an act that cannot wait (a 退单 or 转办 needs the server's answer at once).
 */
export function waitingRequest(
  orderId: string,
  spec: OrderActionSpec,
  body: OrderActionBodies[OrderActionPath],
  idempotencyKey: string,
  pressedAt: Date,
): StaffRequest | null {
  const { offline } = spec;
  if (!offline) return null;
  const stamped =
    offline.stamp && !(offline.stamp in body)
      ? { ...body, [offline.stamp]: pressedAt.toISOString() }
      : body;
  return {
    idempotencyKey,
    method: 'POST',
    path: orderActionPath(orderId, spec.path),
    body: stamped,
    label: offline.label,
    page: `/staff/order/index?id=${orderId}`,
    ...(offline.once ? { once: `${orderId}:${spec.key}` } : {}),
  };
}
