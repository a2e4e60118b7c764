import {
  DEFAULT_SLA_POLICY,
  DEPARTMENT_STRENGTH,
  ORDER_ACTIONS,
  PRIORITIES,
  TEXT_LIMITS,
  extensionOffer,
  extensionRequestProblem,
  type AuthUser,
  type OrderSummary,
} from '@shouhu/shared';
import { anOrder } from '../../test/factories';
import type { OrderActionBodies } from '../services/orders';
import {
  ORDER_ACTION_SPECS,
  REPORTER_WILL_READ,
  availableActions,
  capacityFor,
  confirmationFor,
  fieldProblems,
  initialValues,
  problemsByField,
  matchUnits,
  orderAfterWaiting,
  waitingActs,
  waitingRequest,
} from './order-actions';
import type { QueuedStaffRequest } from '../services/staff-outbox';

const NOW = new Date('2026-11-22T08:00:00Z');

type ExtensionBody = OrderActionBodies['extension'];

const handler: AuthUser = { id: 'u1', roles: ['reporter', 'handler'], unitId: 'unit-town' };
const coordinator: AuthUser = {
  id: 'u2',
  roles: ['reporter', 'coordinator'],
  unitId: 'unit-c',
  unitDivisionPrefixes: ['341324'],
};
const keys = (order: OrderSummary, user: AuthUser, now = NOW) =>
  availableActions(order, capacityFor(user, order), now).map((a) => a.key);

describe('availableActions', () => {
  it('offers a new order to its unit to sign, return, transfer or re-prioritise', () => {
    expect(keys(anOrder(), handler)).toEqual(['sign', 'return', 'transfer', 'priority']);
  });

  it('offers the work of a signed order, and contact only until it is recorded', () => {
    const signed = anOrder({ status: 'in_progress' });
    expect(keys(signed, handler)).toEqual([
      'contact',
      'note',
      'extension',
      'return',
      'transfer',
      'priority',
      'resolve',
    ]);
    expect(keys({ ...signed, contactedAt: '2026-11-22T07:30:00Z' }, handler)).not.toContain(
      'contact',
    );
  });

  it('hides 退单 once the return window has closed', () => {
    const late = new Date('2026-11-24T00:00:00Z');
    expect(keys(anOrder(), handler, late)).not.toContain('return');
  });

  it('does not let a handler lower a P1, nor ask twice for an extension', () => {
    expect(keys(anOrder({ priority: 'P1' }), handler)).not.toContain('priority');
    expect(
      keys(anOrder({ status: 'in_progress', extensionPendingDays: 3 }), handler),
    ).not.toContain('extension');
  });

  it('gives the coordinator reassignment, decisions and 重办, never the unit’s own work', () => {
    expect(keys(anOrder({ status: 'returned' }), coordinator)).toEqual([
      'reassign',
      'coordinator_priority',
    ]);
    expect(keys(anOrder({ status: 'in_progress', extensionPendingDays: 3 }), coordinator)).toEqual([
      'reassign',
      'extension_decision',
      'coordinator_priority',
      'coordinator_note',
    ]);
    expect(keys(anOrder({ status: 'resolved' }), coordinator)).toEqual(['reopen']);
  });

  it('offers nothing to someone who is neither the unit nor a coordinator', () => {
    const stranger: AuthUser = { id: 'u3', roles: ['reporter', 'handler'], unitId: 'other' };
    expect(keys(anOrder(), stranger)).toEqual([]);
  });
});

// The server's rule (shared orderCapacity), asked with the unit and divisions the login named.
describe('capacityFor', () => {
  const admin: AuthUser = { id: 'u4', roles: ['reporter', 'admin'] };
  const elsewhere: AuthUser = { ...coordinator, unitDivisionPrefixes: ['341323'] };
  it.each<[string, string | null, AuthUser | null, OrderSummary]>([
    ['the unit’s handler', 'handler', handler, anOrder()],
    ['a coordinator of the county', 'coordinator', coordinator, anOrder()],
    ['a coordinator of another county', null, elsewhere, anOrder()],
    ['an admin, on the admin queue', 'admin', admin, anOrder({ unitId: null })],
    ['an admin, on an order a unit holds', null, admin, anOrder()],
    ['no one logged in', null, null, anOrder()],
  ])('%s → %s', (_, capacity, user, order) => {
    expect(capacityFor(user, order)).toBe(capacity);
  });
});

describe('the 已接触儿童 body', () => {
  const contact = () =>
    availableActions(anOrder({ status: 'in_progress' }), 'handler', NOW).find(
      (a) => a.key === 'contact',
    )!;

  it('sends nothing but the tap when no time, note or position is given', () => {
    expect(contact().body({})).toEqual({});
  });

  it('sends the picked time, the trimmed note and the recorded position', () => {
    const position = JSON.stringify({ latitude: 33.4781, longitude: 117.8839 });
    expect(
      contact().body({ at: '2026-11-22T07:30:00.000Z', note: ' 见到孩子了 ', position }),
    ).toEqual({
      at: '2026-11-22T07:30:00.000Z',
      note: '见到孩子了',
      latitude: 33.4781,
      longitude: 117.8839,
    });
  });
});

describe('the 处理记录 sheet', () => {
  const noteFields = (order: ReturnType<typeof anOrder>) =>
    availableActions(order, 'handler', NOW)
      .find((a) => a.key === 'note')!
      .fields(order)
      .map((f) => f.name);

  it('offers 对报告人可见 on an order of the report’s own routing', () => {
    expect(noteFields(anOrder({ status: 'in_progress' }))).toEqual(['text', 'reporterVisible']);
  });

  it('keeps a handed-off order’s notes internal: the reporter never reads that order', () => {
    const handedOff = anOrder({ status: 'in_progress', handedOffFrom: 'order-lead' });
    expect(noteFields(handedOff)).toEqual(['text']);
  });
});

describe('problemsByField', () => {
  const contactFields = ORDER_ACTION_SPECS.find((s) => s.key === 'contact')!.fields(anOrder());

  it('gives a refused body field to the sheet field that sends it, and keeps any other', () => {
    expect(
      problemsByField(contactFields, {
        at: '接触时间应在派单之后、现在之前',
        latitude: '纬度应在-90到90之间',
        channel: '不允许的字段',
      }),
    ).toEqual({
      at: '接触时间应在派单之后、现在之前',
      position: '纬度应在-90到90之间',
      channel: '不允许的字段',
    });
  });
});

describe('fieldProblems', () => {
  it('asks for required fields and minimum lengths, and lets optional ones be empty', () => {
    const fields = [
      { name: 'reason', label: '原因', kind: 'text' as const, limit: TEXT_LIMITS.reason },
      { name: 'note', label: '备注', kind: 'text' as const, optional: true },
    ];
    expect(fieldProblems(fields, {})).toEqual({ reason: '请填写：原因' });
    expect(fieldProblems(fields, { reason: '短' })).toEqual({ reason: '请填写原因（至少2字）' });
    expect(fieldProblems(fields, { reason: '不属于本辖区' })).toEqual({});
    expect(fieldProblems(fields, { reason: '\u3000\u3000' })).toEqual({ reason: '请填写：原因' });
    expect(fieldProblems(fields, { reason: '\u200B'.repeat(12) })).toEqual({
      reason: '请填写：原因',
    });
    expect(fieldProblems(fields, { reason: '\u3164\u2800\u2060' })).toEqual({
      reason: '请填写：原因',
    });
    expect(fieldProblems(fields, { reason: '不属于\u0000本辖区' })).toEqual({
      reason: '原因含有不可见的控制字符，请删除后重新输入',
    });
  });

  it('counts characters as the server does and stops at the API maximum', () => {
    const fields = [
      { name: 'reason', label: '原因', kind: 'text' as const, limit: TEXT_LIMITS.reason },
    ];
    const max = TEXT_LIMITS.reason.max;
    expect(fieldProblems(fields, { reason: '𠀀'.repeat(max) })).toEqual({});
    expect(fieldProblems(fields, { reason: '𠀀'.repeat(max + 1) })).toEqual({
      reason: `原因最多${max}字`,
    });
  });

  it('starts choices that have a safe default with it', () => {
    expect(
      initialValues([
        { name: 'reporterVisible', label: '对报告人可见', kind: 'choice', initial: 'false' },
        { name: 'text', label: '处理记录', kind: 'text' },
      ]),
    ).toEqual({ reporterVisible: 'false' });
  });
});

describe('申请延期 offers only what the server grants', () => {
  const extension = (order: OrderSummary) =>
    availableActions(order, 'handler', NOW).find((a) => a.key === 'extension');
  const cases = DEPARTMENT_STRENGTH.flatMap((department) =>
    PRIORITIES.map((priority) => [department, priority] as const),
  );

  it.each(cases)('for a %s %s order', (department, priority) => {
    const order = anOrder({ department, priority, status: 'in_progress' });
    const spec = extension(order)!;
    const [choice] = spec.fields(order);
    const offer = extensionOffer(order)!;

    const bodies = (choice.options ?? []).map(
      (o) => spec.body({ [choice.name]: o.value, reason: '需要补充调查' }) as ExtensionBody,
    );

    for (const body of bodies) {
      expect(extensionRequestProblem(offer, body.workingDays)).toBeNull();
    }
    if (department === 'police' && priority === 'P1') {
      expect(bodies).toEqual([{ reason: '需要补充调查' }]);
      expect(choice.options?.[0].label).toBe('延长至7天（立案审查）');
    } else {
      expect(bodies.map((b) => b.workingDays)).toEqual(
        Array.from({ length: DEFAULT_SLA_POLICY.maxExtensionWorkingDays }, (_, i) => i + 1),
      );
    }
  });

  it('offers the 30-day step after the 7-day one, and nothing once the ladder is used up', () => {
    const police = (extensionsGranted: number) =>
      anOrder({ department: 'police', priority: 'P1', status: 'in_progress', extensionsGranted });
    const civil = anOrder({
      department: 'civil_affairs',
      priority: 'P1',
      status: 'in_progress',
      extensionsGranted: 2,
    });

    expect(extension(police(1))?.fields(police(1))[0].options?.[0].label).toBe(
      '延长至30天（立案审查）',
    );
    expect(extension(police(2))).toBeUndefined();
    expect(
      extension(civil)
        ?.fields(civil)[0]
        .options?.map((o) => o.value),
    ).toEqual(
      Array.from({ length: DEFAULT_SLA_POLICY.maxExtensionWorkingDays }, (_, i) => String(i + 1)),
    );
  });
});

describe('the action table (ORDER_ACTION_SPECS)', () => {
  /** Orders in every state, so `fields` is asked of each action where it can be offered. */
  const orders = (['dispatched', 'in_progress', 'returned', 'resolved'] as const).map((status) =>
    anOrder({ status, department: 'township', priority: 'P3' }),
  );
  /** 办结, 退单, 转办, 改派 and the coordinator's decisions cannot be taken back (issue 11). */
  const IRREVERSIBLE = [
    'return',
    'transfer',
    'resolve',
    'reassign',
    'extension_decision',
    'reopen',
  ];

  it('has an action for every order action of the state machine', () => {
    const covered = new Set(ORDER_ACTION_SPECS.map((spec) => spec.request.action));
    expect([...covered].sort()).toEqual([...ORDER_ACTIONS].sort());
  });

  it.each(ORDER_ACTION_SPECS.map((spec) => [spec.key, spec] as const))(
    '%s has a label, a plain toast and a question that says what happens',
    (_key, spec) => {
      expect(spec.label).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
      // WeChat's success toast shows 7 characters; “…成功” is not how people talk.
      expect(spec.toast).toMatch(/^已[\u4e00-\u9fff]{1,6}$/);
      expect(spec.toast).not.toContain('成功');
      expect(spec.confirm).toMatch(/^确认.+？.+。$/);
      expect(spec.irreversible).toBe(IRREVERSIBLE.includes(spec.key));
    },
  );

  it('gives every toast its own words: one toast per label, and no two labels the same toast', () => {
    const toastOf = new Map(ORDER_ACTION_SPECS.map((spec) => [spec.label, spec.toast]));

    expect(ORDER_ACTION_SPECS.filter((spec) => toastOf.get(spec.label) !== spec.toast)).toEqual([]);
    expect(new Set(toastOf.values()).size).toBe(toastOf.size);
  });

  it.each(ORDER_ACTION_SPECS.map((spec) => [spec.key, spec] as const))(
    '%s is confirmed exactly once: by the dialog without fields or when irreversible, else by the sheet',
    (_key, spec) => {
      for (const order of orders) {
        const fields = spec.fields(order);
        const question = confirmationFor(spec, order, initialValues(fields));
        if (fields.length === 0 || spec.irreversible) expect(question).toBe(spec.confirm);
        else expect(question).toBeNull();
      }
    },
  );

  it('warns under a note marked 对报告人可见 and says so in the dialog', () => {
    const note = ORDER_ACTION_SPECS.find((spec) => spec.key === 'note')!;
    const [, visible] = note.fields(orders[1]);
    expect(visible.warnings?.true).toBe(REPORTER_WILL_READ);
    expect(visible.warnings?.false).toBeUndefined();
    expect(confirmationFor(note, orders[1], { text: '已家访', reporterVisible: 'true' })).toBe(
      `${note.confirm}${REPORTER_WILL_READ}。`,
    );
    expect(
      confirmationFor(note, orders[1], { text: '已家访', reporterVisible: 'false' }),
    ).toBeNull();
  });
});

describe('matchUnits', () => {
  const units = [
    { id: '1', name: '泗县公安局' },
    { id: '2', name: '泗县公安局墩集派出所' },
    { id: '3', name: '泗县公安局草沟派出所' },
    { id: '4', name: 'Ｘ镇派出所' },
  ];
  it.each([
    ['', ['1', '2', '3', '4']],
    ['墩集', ['2']],
    ['  派出所 草沟 ', ['3']],
    ['x镇', ['4']],
    ['民政', []],
  ])('finds %j in %j', (query, ids) => {
    expect(matchUnits(units, query).map((u) => u.id)).toEqual(ids);
  });
});

describe('acts that wait on the phone for the network', () => {
  const spec = (key: string) => ORDER_ACTION_SPECS.find((s) => s.key === key)!;
  const PRESSED = new Date('2026-11-22T08:05:00Z');
  const queued = (
    key: string,
    body: OrderActionBodies[keyof OrderActionBodies] = {},
  ): QueuedStaffRequest => ({
    ...waitingRequest('order-1', spec(key), body, `key-${key}`, PRESSED)!,
    queuedAt: PRESSED.toISOString(),
    userId: 'u1',
  });

  it('may wait: 签收, 接触, 处理记录 and 办结; nothing that needs the server at once', () => {
    expect(ORDER_ACTION_SPECS.filter((s) => s.offline).map((s) => s.key)).toEqual([
      'sign',
      'contact',
      'note',
      'resolve',
    ]);
    expect(
      waitingRequest('order-1', spec('return'), { reason: '不属于本辖区' }, 'k', PRESSED),
    ).toBe(null);
  });

  it('keeps the act under the key of the press, with its page, once per order for one-time acts', () => {
    expect(waitingRequest('order-1', spec('sign'), {}, 'key-1', PRESSED)).toEqual({
      idempotencyKey: 'key-1',
      method: 'POST',
      path: '/orders/order-1/sign',
      body: {},
      label: '签收工单',
      page: '/staff/order/index?id=order-1',
      once: 'order-1:sign',
    });
    const note = waitingRequest(
      'order-1',
      spec('note'),
      { text: '已电话联系班主任', reporterVisible: false },
      'key-2',
      PRESSED,
    );
    expect(note).toMatchObject({ path: '/orders/order-1/notes', label: '处理记录' });
    expect(note).not.toHaveProperty('once');
  });

  it('records a contact at the moment of the press, not when the network returns', () => {
    expect(waitingRequest('order-1', spec('contact'), {}, 'k', PRESSED)?.body).toEqual({
      at: '2026-11-22T08:05:00.000Z',
    });
    expect(
      waitingRequest('order-1', spec('contact'), { at: '2026-11-22T07:50:00.000Z' }, 'k', PRESSED)
        ?.body,
    ).toEqual({ at: '2026-11-22T07:50:00.000Z' });
  });

  it('finds the waiting acts of this order only, and offers what comes after them', () => {
    const other = { ...queued('sign'), path: '/orders/order-2/sign', idempotencyKey: 'other' };
    const waiting = waitingActs('order-1', [other, queued('sign'), queued('contact')]);
    expect(waiting.map((w) => w.spec.key)).toEqual(['sign', 'contact']);

    const after = orderAfterWaiting(anOrder(), waiting);
    expect(after).toMatchObject({ status: 'in_progress', contactedAt: '2026-11-22T08:05:00.000Z' });
    expect(keys(after, handler)).toEqual([
      'note',
      'extension',
      'return',
      'transfer',
      'priority',
      'resolve',
    ]);
    const resolved = orderAfterWaiting(after, waitingActs('order-1', [queued('resolve')]));
    expect(keys(resolved, handler)).toEqual([]);
  });
});
