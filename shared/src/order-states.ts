import { DEFAULT_SLA_POLICY, type SlaPolicy } from './clocks';
import type { ReceivingDepartment } from './departments';
import { extensionOffer } from './extensions';
import type { Priority } from './priorities';
import { PRIORITIES } from './priorities';

export const ORDER_STATUSES = ['dispatched', 'in_progress', 'returned', 'resolved'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  dispatched: '待签收',
  in_progress: '办理中',
  returned: '已退单',
  resolved: '已办结',
};

export const ORDER_ACTIONS = [
  'sign',
  'contact',
  'note',
  'return',
  'transfer',
  'reassign',
  'priority',
  'extension',
  'extension_decision',
  'resolve',
  'reopen',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * The capacity in which someone acts on an order: a member of its unit, the county's coordinator,
 * or an administrator on the admin queue (orders no unit or coordinator covers), who only routes
 * them — 改派 and priority — and never sees who the child or the reporter is (domain.md, Privacy).
 */
export type OrderActorCapacity = 'handler' | 'coordinator' | 'admin';

export interface OrderFacts {
  department: ReceivingDepartment;
  status: OrderStatus;
  priority: Priority;
  contactedAt: Date | null;
  extensionPending: boolean;
  extensionsGranted: number;
  returnDueAt: Date;
}

export type ActionRequest =
  | { action: 'sign' | 'contact' | 'note' | 'return' | 'transfer' | 'resolve' | 'reopen' }
  | { action: 'reassign' }
  | { action: 'priority'; priority: Priority }
  | { action: 'extension'; workingDays?: number }
  | { action: 'extension_decision' };

/**
 * Why the state machine refuses an action, and what the person should do instead. The code travels
 * as the error's `code` (api.md error shape) for clients to match; people read `refusalMessage`.
 */
export const REFUSALS = {
  SIGN_FIRST: {
    problem: '工单还没有签收',
    whatToDo: '请先签收，再进行这个操作',
  },
  WRONG_STATE: {
    problem: '工单状态已有变化，现在不能进行这个操作',
    whatToDo: '请返回刷新，按工单的最新状态办理',
  },
  NOT_YOUR_ROLE: {
    problem: '这个操作需要由其他角色办理',
    whatToDo: '请由承办单位的办理人员或联席办协调员操作',
  },
  ALREADY_CONTACTED: {
    problem: '已经记录过首次接触儿童',
    whatToDo: '后续情况请写在“处理记录”里',
  },
  RETURN_WINDOW_CLOSED: {
    problem: '已超过退单时限',
    whatToDo: '如确属派错，请联系县联席办改派',
  },
  SAME_PRIORITY: {
    problem: '优先级没有变化',
    whatToDo: '请选择与现在不同的优先级',
  },
  LOWER_P1_NEEDS_COORDINATOR: {
    problem: '降低紧急（P1）工单的优先级需要联席办协调员办理',
    whatToDo: '请联系县联席办，说明理由后由协调员调整',
  },
  EXTENSION_PENDING: {
    problem: '已有延期申请在等待审批',
    whatToDo: '请等待联席办审批结果，审批后再申请',
  },
  NO_EXTENSION_PENDING: {
    problem: '没有等待审批的延期申请',
    whatToDo: '请返回刷新，查看延期申请的最新情况',
  },
  EXTENSION_LIMIT: {
    problem: '延期次数或天数已达上限',
    whatToDo: '请在现有期限内办结，确有困难请联系县联席办',
  },
  EXTENSION_NO_LONGER_OFFERED: {
    problem: '申请延期后工单的优先级已调整，这份申请不能再批准',
    whatToDo: '请选择不同意，由办理单位按新的期限规则重新申请',
  },
} as const satisfies Record<string, { problem: string; whatToDo: string }>;

export type RefusalCode = keyof typeof REFUSALS;

export const REFUSAL_CODES = Object.keys(REFUSALS) as RefusalCode[];

/** What a person reads when an order action is refused: the problem, then what to do. */
export function refusalMessage(code: RefusalCode): string {
  return `${REFUSALS[code].problem}，${REFUSALS[code].whatToDo}`;
}

export type TransitionResult =
  { ok: true; status: OrderStatus } | { ok: false; code: RefusalCode; message: string };

interface Rule {
  from: readonly OrderStatus[];
  by: readonly OrderActorCapacity[];
  to: (order: OrderFacts) => OrderStatus;
}

const OPEN: readonly OrderStatus[] = ['dispatched', 'in_progress', 'returned'];
const stay = (order: OrderFacts) => order.status;

/** Which state each action starts from, who may take it, and where it leads (domain.md, states). */
export const ORDER_RULES: Record<OrderAction, Rule> = {
  sign: { from: ['dispatched'], by: ['handler'], to: () => 'in_progress' },
  contact: { from: ['in_progress'], by: ['handler'], to: stay },
  note: { from: ['in_progress'], by: ['handler', 'coordinator'], to: stay },
  return: { from: ['dispatched', 'in_progress'], by: ['handler'], to: () => 'returned' },
  transfer: { from: ['dispatched', 'in_progress'], by: ['handler'], to: () => 'dispatched' },
  reassign: { from: OPEN, by: ['coordinator', 'admin'], to: () => 'dispatched' },
  priority: { from: OPEN, by: ['handler', 'coordinator', 'admin'], to: stay },
  extension: { from: ['in_progress'], by: ['handler'], to: stay },
  extension_decision: { from: ['in_progress'], by: ['coordinator'], to: stay },
  resolve: { from: ['in_progress'], by: ['handler'], to: () => 'resolved' },
  reopen: { from: ['resolved'], by: ['coordinator'], to: () => 'in_progress' },
};

/**
 * The refusal codes `transition` can answer for each action, and no others: what a client must
 * handle in the action's 409 (the API docs list them per route). `order-states.spec.ts` walks
 * every order, actor and request to prove each list exact. `EXTENSION_NO_LONGER_OFFERED` is not
 * the state machine's: the server answers it when approving an extension the order has outgrown.
 */
export const ACTION_REFUSAL_CODES: Record<OrderAction, readonly RefusalCode[]> = {
  sign: ['NOT_YOUR_ROLE', 'WRONG_STATE'],
  contact: ['NOT_YOUR_ROLE', 'SIGN_FIRST', 'WRONG_STATE', 'ALREADY_CONTACTED'],
  note: ['NOT_YOUR_ROLE', 'SIGN_FIRST', 'WRONG_STATE'],
  return: ['NOT_YOUR_ROLE', 'WRONG_STATE', 'RETURN_WINDOW_CLOSED'],
  transfer: ['NOT_YOUR_ROLE', 'WRONG_STATE'],
  reassign: ['NOT_YOUR_ROLE', 'WRONG_STATE'],
  priority: ['WRONG_STATE', 'SAME_PRIORITY', 'LOWER_P1_NEEDS_COORDINATOR'],
  extension: ['NOT_YOUR_ROLE', 'SIGN_FIRST', 'WRONG_STATE', 'EXTENSION_PENDING', 'EXTENSION_LIMIT'],
  extension_decision: ['NOT_YOUR_ROLE', 'WRONG_STATE', 'NO_EXTENSION_PENDING'],
  resolve: ['NOT_YOUR_ROLE', 'SIGN_FIRST', 'WRONG_STATE'],
  reopen: ['NOT_YOUR_ROLE', 'WRONG_STATE'],
};

function refuse(code: RefusalCode): TransitionResult {
  return { ok: false, code, message: refusalMessage(code) };
}

/** The next state of an order, or why the action is refused. Pure: the caller loads and saves. */
export function transition(
  order: OrderFacts,
  request: ActionRequest,
  actor: OrderActorCapacity,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): TransitionResult {
  const rule = ORDER_RULES[request.action];
  if (!rule.by.includes(actor)) return refuse('NOT_YOUR_ROLE');
  if (!rule.from.includes(order.status)) {
    const signFirst =
      order.status === 'dispatched' &&
      rule.from.includes('in_progress') &&
      ORDER_RULES.sign.by.includes(actor);
    return refuse(signFirst ? 'SIGN_FIRST' : 'WRONG_STATE');
  }

  switch (request.action) {
    case 'contact':
      if (order.contactedAt) return refuse('ALREADY_CONTACTED');
      break;
    case 'return':
      if (now > order.returnDueAt) return refuse('RETURN_WINDOW_CLOSED');
      break;
    case 'priority': {
      if (request.priority === order.priority) return refuse('SAME_PRIORITY');
      const lowering = PRIORITIES.indexOf(request.priority) > PRIORITIES.indexOf(order.priority);
      // On the admin queue no coordinator exists: the administrator who routes it decides.
      if (lowering && order.priority === 'P1' && actor === 'handler') {
        return refuse('LOWER_P1_NEEDS_COORDINATOR');
      }
      break;
    }
    case 'extension':
      if (order.extensionPending) return refuse('EXTENSION_PENDING');
      if (extensionOffer(order, policy) === null) return refuse('EXTENSION_LIMIT');
      break;
    case 'extension_decision':
      if (!order.extensionPending) return refuse('NO_EXTENSION_PENDING');
      break;
  }
  return { ok: true, status: rule.to(order) };
}
