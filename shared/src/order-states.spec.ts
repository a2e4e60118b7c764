import { DEFAULT_SLA_POLICY } from './clocks';
import { RECEIVING_DEPARTMENTS } from './departments';
import {
  ACTION_REFUSAL_CODES,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  transition,
  type ActionRequest,
  type OrderAction,
  type OrderActorCapacity,
  type OrderFacts,
  type OrderStatus,
  type RefusalCode,
} from './order-states';
import { PRIORITIES } from './priorities';

const NOW = new Date('2026-11-16T10:10:00+08:00');

function anOrder(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    department: 'township',
    status: 'dispatched',
    priority: 'P2',
    contactedAt: null,
    extensionPending: false,
    extensionsGranted: 0,
    returnDueAt: new Date('2026-11-16T12:00:00+08:00'),
    ...overrides,
  };
}

function requestFor(action: OrderAction): ActionRequest {
  switch (action) {
    case 'priority':
      return { action, priority: 'P1' };
    case 'extension':
      return { action, workingDays: 3 };
    default:
      return { action } as ActionRequest;
  }
}

/** Where each action leads from each state, for the capacity allowed to take it; '-' is refused. */
const TABLE: Record<OrderAction, [OrderActorCapacity, Record<OrderStatus, OrderStatus | '-'>]> = {
  sign: ['handler', { dispatched: 'in_progress', in_progress: '-', returned: '-', resolved: '-' }],
  contact: [
    'handler',
    { dispatched: '-', in_progress: 'in_progress', returned: '-', resolved: '-' },
  ],
  note: ['handler', { dispatched: '-', in_progress: 'in_progress', returned: '-', resolved: '-' }],
  return: [
    'handler',
    { dispatched: 'returned', in_progress: 'returned', returned: '-', resolved: '-' },
  ],
  transfer: [
    'handler',
    { dispatched: 'dispatched', in_progress: 'dispatched', returned: '-', resolved: '-' },
  ],
  reassign: [
    'coordinator',
    { dispatched: 'dispatched', in_progress: 'dispatched', returned: 'dispatched', resolved: '-' },
  ],
  priority: [
    'handler',
    { dispatched: 'dispatched', in_progress: 'in_progress', returned: 'returned', resolved: '-' },
  ],
  extension: [
    'handler',
    { dispatched: '-', in_progress: 'in_progress', returned: '-', resolved: '-' },
  ],
  extension_decision: [
    'coordinator',
    { dispatched: '-', in_progress: 'in_progress', returned: '-', resolved: '-' },
  ],
  resolve: ['handler', { dispatched: '-', in_progress: 'resolved', returned: '-', resolved: '-' }],
  reopen: [
    'coordinator',
    { dispatched: '-', in_progress: '-', returned: '-', resolved: 'in_progress' },
  ],
};

describe('transition', () => {
  const pairs = ORDER_ACTIONS.flatMap((action) =>
    ORDER_STATUSES.map((status) => [action, status] as const),
  );

  it.each(pairs)('%s from %s', (action, status) => {
    const [actor, outcomes] = TABLE[action];
    const pending = action === 'extension_decision';
    const result = transition(
      anOrder({ status, extensionPending: pending }),
      requestFor(action),
      actor,
      NOW,
    );

    if (outcomes[status] === '-') {
      // An action of a signed order, asked of one still waiting: the person is told to sign first.
      const signFirst =
        status === 'dispatched' && outcomes.in_progress !== '-' && actor === 'handler';
      expect(result).toMatchObject({ ok: false, code: signFirst ? 'SIGN_FIRST' : 'WRONG_STATE' });
    } else {
      expect(result).toEqual({ ok: true, status: outcomes[status] });
    }
  });

  it.each<[OrderAction, OrderActorCapacity]>([
    ['sign', 'coordinator'],
    ['contact', 'coordinator'],
    ['return', 'coordinator'],
    ['transfer', 'coordinator'],
    ['resolve', 'coordinator'],
    ['extension', 'coordinator'],
    ['reassign', 'handler'],
    ['extension_decision', 'handler'],
    ['reopen', 'handler'],
    ['sign', 'admin'],
    ['contact', 'admin'],
    ['note', 'admin'],
    ['return', 'admin'],
    ['transfer', 'admin'],
    ['resolve', 'admin'],
    ['extension', 'admin'],
    ['extension_decision', 'admin'],
    ['reopen', 'admin'],
  ])('refuses %s by a %s', (action, actor) => {
    expect(transition(anOrder(), requestFor(action), actor, NOW)).toMatchObject({
      ok: false,
      code: 'NOT_YOUR_ROLE',
    });
  });

  it.each<[string, Partial<OrderFacts>, ActionRequest, OrderActorCapacity, string]>([
    [
      'a second first contact',
      { status: 'in_progress', contactedAt: NOW },
      { action: 'contact' },
      'handler',
      'ALREADY_CONTACTED',
    ],
    [
      'a return after the window',
      { returnDueAt: new Date('2026-11-16T10:00:00+08:00') },
      { action: 'return' },
      'handler',
      'RETURN_WINDOW_CLOSED',
    ],
    [
      'the same priority',
      { priority: 'P2' },
      { action: 'priority', priority: 'P2' },
      'handler',
      'SAME_PRIORITY',
    ],
    [
      'a handler lowering P1',
      { priority: 'P1' },
      { action: 'priority', priority: 'P2' },
      'handler',
      'LOWER_P1_NEEDS_COORDINATOR',
    ],
    [
      'a second extension request',
      { status: 'in_progress', extensionPending: true },
      { action: 'extension', workingDays: 2 },
      'handler',
      'EXTENSION_PENDING',
    ],
    [
      'a third extension of a police P1 (立案审查: 7, then 30 days)',
      { department: 'police', status: 'in_progress', priority: 'P1', extensionsGranted: 2 },
      { action: 'extension' },
      'handler',
      'EXTENSION_LIMIT',
    ],
    [
      'a decision with nothing pending',
      { status: 'in_progress' },
      { action: 'extension_decision' },
      'coordinator',
      'NO_EXTENSION_PENDING',
    ],
  ])('refuses %s', (_, facts, request, actor, code) => {
    expect(transition(anOrder(facts), request, actor, NOW)).toMatchObject({ ok: false, code });
  });

  it.each(['civil_affairs', 'township', 'education'] as const)(
    'lets a P1 order of %s ask again after two extensions: only the police ladder ends',
    (department) => {
      const order = anOrder({
        department,
        status: 'in_progress',
        priority: 'P1',
        extensionsGranted: 2,
      });
      expect(transition(order, { action: 'extension', workingDays: 3 }, 'handler', NOW)).toEqual({
        ok: true,
        status: 'in_progress',
      });
    },
  );

  it('lets a coordinator lower P1 and a handler lower P2', () => {
    expect(
      transition(
        anOrder({ priority: 'P1' }),
        { action: 'priority', priority: 'P2' },
        'coordinator',
        NOW,
      ).ok,
    ).toBe(true);
    expect(
      transition(
        anOrder({ priority: 'P2' }),
        { action: 'priority', priority: 'P3' },
        'handler',
        NOW,
      ).ok,
    ).toBe(true);
  });
});

describe('ACTION_REFUSAL_CODES', () => {
  const CAPACITIES: OrderActorCapacity[] = ['handler', 'coordinator', 'admin'];
  const RECEIVING = RECEIVING_DEPARTMENTS;
  // One past the police ladder's last step, so its end is reached.
  const GRANTED = Array.from(
    { length: DEFAULT_SLA_POLICY.p1ResolveExtensionsHours.length + 2 },
    (_, i) => i,
  );
  const RETURN_DUE = [new Date(NOW.getTime() - 60_000), new Date(NOW.getTime() + 60_000)];

  /** Every order the facts can describe, up to what `transition` tells apart. */
  const orders: OrderFacts[] = RECEIVING.flatMap((department) =>
    ORDER_STATUSES.flatMap((status) =>
      PRIORITIES.flatMap((priority) =>
        [null, NOW].flatMap((contactedAt) =>
          [false, true].flatMap((extensionPending) =>
            GRANTED.flatMap((extensionsGranted) =>
              RETURN_DUE.map((returnDueAt) => ({
                department,
                status,
                priority,
                contactedAt,
                extensionPending,
                extensionsGranted,
                returnDueAt,
              })),
            ),
          ),
        ),
      ),
    ),
  );

  /** Every request of an action: each priority, an extension with and without days. */
  function requestsOf(action: OrderAction): ActionRequest[] {
    if (action === 'priority') return PRIORITIES.map((priority) => ({ action, priority }));
    if (action === 'extension') return [{ action }, { action, workingDays: 3 }];
    return [{ action } as ActionRequest];
  }

  /** The codes `transition` answers for `action`, over every order, capacity and request. */
  function reachedCodes(action: OrderAction): RefusalCode[] {
    const codes = new Set<RefusalCode>();
    for (const order of orders) {
      for (const actor of CAPACITIES) {
        for (const request of requestsOf(action)) {
          const result = transition(order, request, actor, NOW);
          if (!result.ok) codes.add(result.code);
        }
      }
    }
    return [...codes].sort();
  }

  it.each(ORDER_ACTIONS)('lists exactly the codes transition can refuse %s with', (action) => {
    expect([...ACTION_REFUSAL_CODES[action]].sort()).toEqual(reachedCodes(action));
  });
});
