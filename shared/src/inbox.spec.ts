import {
  extensionDecisionInboxText,
  extensionRequestInboxText,
  newOrderInboxText,
  orderStageMessages,
  reportInboxText,
  returnedOrderInboxText,
  type InboxUnit,
} from './inbox';

const SIGN_DUE = new Date('2026-12-03T06:30:00Z');
const COORDINATOR: InboxUnit = { id: 'coordinator', name: '泗县联席办' };
const CITY: InboxUnit = { id: 'city', name: '宿州市联席办' };

describe(newOrderInboxText.name, () => {
  it('asks a handler’s unit to sign by the sign deadline, in Beijing time', () => {
    expect(newOrderInboxText({ priority: 'P1', signDueAt: SIGN_DUE, unrouted: false })).toBe(
      '你单位有一张新的紧急（P1）工单，请在12月3日 14:30前签收。',
    );
  });

  it('asks the coordinator’s unit to reassign an order no unit of its department covers', () => {
    expect(newOrderInboxText({ priority: 'P3', signDueAt: SIGN_DUE, unrouted: true })).toBe(
      '一张一般（P3）工单在本区划没有对应的承办单位，已转你单位，请在12月3日 14:30前改派。',
    );
  });
});

describe(orderStageMessages.name, () => {
  const order = { priority: 'P2' as const, unitId: 'township' };
  const step = (
    stage: 'reminded' | 'overdue' | 'red',
    escalatedTo: InboxUnit | null,
  ): Parameters<typeof orderStageMessages>[0] => ({
    stage,
    clock: 'resolve',
    dueAt: SIGN_DUE,
    escalatedTo,
  });

  it.each([
    [
      'a reminder to the order’s unit only',
      step('reminded', null),
      order,
      [
        {
          unitId: 'township',
          text: '你单位一张加急（P2）工单的办结期限将至，请在12月3日 14:30前办理。',
        },
      ],
    ],
    [
      'a 督办 to the coordinator escalated to, and to the order’s unit',
      step('overdue', COORDINATOR),
      order,
      [
        {
          unitId: 'coordinator',
          text: '一张加急（P2）工单的办结已超时（期限12月3日 14:30），已督办至你单位。',
        },
        {
          unitId: 'township',
          text: '你单位一张加急（P2）工单的办结已超时（期限12月3日 14:30），已督办至泗县联席办。',
        },
      ],
    ],
    [
      'a 督办 with no coordinator to the order’s unit only',
      step('overdue', null),
      order,
      [
        {
          unitId: 'township',
          text: '你单位一张加急（P2）工单的办结已超时（期限12月3日 14:30），请立即办理。',
        },
      ],
    ],
    [
      'the red list to the parent escalated to, and to the coordinator, not the order’s unit',
      step('red', CITY),
      order,
      [
        {
          unitId: 'city',
          text: '一张加急（P2）工单的办结超时已达期限两倍，已上报你单位，列入红色清单。',
        },
        {
          unitId: 'coordinator',
          text: '一张加急（P2）工单的办结超时已达期限两倍，已上报宿州市联席办，列入红色清单。',
        },
      ],
    ],
    [
      'the red list without a parent to the coordinator once',
      step('red', COORDINATOR),
      order,
      [
        {
          unitId: 'coordinator',
          text: '一张加急（P2）工单的办结超时已达期限两倍，已上报你单位，列入红色清单。',
        },
      ],
    ],
    [
      'a 督办 of an order the coordinator holds (unrouted) to the coordinator once',
      step('overdue', COORDINATOR),
      { ...order, unitId: 'coordinator' },
      [
        {
          unitId: 'coordinator',
          text: '一张加急（P2）工单的办结已超时（期限12月3日 14:30），已督办至你单位。',
        },
      ],
    ],
    [
      'nothing for a reminder in the admin queue',
      step('reminded', null),
      { ...order, unitId: null },
      [],
    ],
    [
      'nothing for a 督办 in the admin queue',
      step('overdue', null),
      { ...order, unitId: null },
      [],
    ],
    [
      'nothing for a red list in the admin queue',
      step('red', null),
      { ...order, unitId: null },
      [],
    ],
  ])('sends %s', (_, reached, holder, expected) => {
    expect(orderStageMessages(reached, holder, COORDINATOR)).toEqual(expected);
  });

  it('names the clock that ran out', () => {
    const [message] = orderStageMessages(
      { ...step('reminded', null), clock: 'sign' },
      order,
      COORDINATOR,
    );

    expect(message.text).toContain('工单的签收期限将至');
  });
});

describe('texts of the order’s other events', () => {
  it('tells the coordinator which department returned an order, and asks to reassign it', () => {
    expect(returnedOrderInboxText({ priority: 'P1', department: 'civil_affairs' })).toBe(
      '民政退回了一张紧急（P1）工单，请改派。',
    );
  });

  it('asks the coordinator to decide an extension', () => {
    expect(extensionRequestInboxText({ priority: 'P3', department: 'township' })).toBe(
      '乡镇的一张一般（P3）工单申请延期，请审批。',
    );
  });

  it.each([
    [true, SIGN_DUE, '你单位一张一般（P3）工单的延期申请已同意，办结期限延至12月3日 14:30。'],
    [true, null, '你单位一张一般（P3）工单的延期申请已同意。'],
    [false, SIGN_DUE, '你单位一张一般（P3）工单的延期申请未获同意，请按原期限办结。'],
  ])('tells the order’s unit the decision (approved %s)', (approved, resolveDueAt, text) => {
    expect(extensionDecisionInboxText({ priority: 'P3', approved, resolveDueAt })).toBe(text);
  });
});

describe(reportInboxText.name, () => {
  /** 23:30 on 28 November in Beijing: the report is told by the day its reporter lived. */
  const filed = new Date('2026-11-28T15:30:00Z');

  it.each([
    ['report_accepted', '你于2026年11月28日提交的报告已受理，可查看办理进度。'],
    ['report_progress', '你于2026年11月28日提交的报告有新进展，请查看。'],
    ['report_closed', '你于2026年11月28日提交的报告已办结，请查看处理结果并评价。'],
  ] as const)('tells the reporter of %s by the day they filed it', (kind, text) => {
    expect(reportInboxText(kind, filed)).toBe(text);
  });
});
