import { ORDER_STATUSES } from './order-states';
import {
  HANDOFF_REASONS,
  handoffReasonsFrom,
  handoffRefusal,
  handoffRefusalMessage,
  handoffTexts,
  handoverRefusal,
  handoverText,
  reachesReporter,
  reporterOrders,
} from './handoffs';
import { RECEIVING_DEPARTMENTS } from './departments';

describe('handoffRefusal', () => {
  const police = { department: 'police', status: 'resolved' } as const;

  it.each([
    ['its own department', police, 'police', [police], 'HANDOFF_OWN_DEPARTMENT'],
    [
      'a returned order',
      { department: 'police', status: 'returned' },
      'township',
      [],
      'HANDOFF_ORDER_RETURNED',
    ],
    [
      'a department with an unresolved order of the report',
      police,
      'township',
      [police, { department: 'township', status: 'dispatched' }],
      'HANDOFF_ALREADY_OPEN',
    ],
    [
      'a department whose order of the report was returned (still unresolved)',
      police,
      'township',
      [police, { department: 'township', status: 'returned' }],
      'HANDOFF_ALREADY_OPEN',
    ],
    [
      'a department whose order of the report is resolved',
      police,
      'township',
      [police, { department: 'township', status: 'resolved' }],
      null,
    ],
    ['from a resolved order (告诫书, then 评估帮扶)', police, 'township', [police], null],
  ] as const)('refuses or allows %s', (_, order, to, orders, expected) => {
    expect(handoffRefusal(order, to, orders)).toBe(expected);
  });

  it('allows every other department from every state but returned', () => {
    for (const status of ORDER_STATUSES) {
      for (const to of RECEIVING_DEPARTMENTS.filter((d) => d !== 'education')) {
        const verdict = handoffRefusal({ department: 'education', status }, to, []);
        expect(verdict).toBe(status === 'returned' ? 'HANDOFF_ORDER_RETURNED' : null);
      }
    }
  });

  it('names the department that already has an order', () => {
    expect(handoffRefusalMessage('HANDOFF_ALREADY_OPEN', 'civil_affairs')).toBe(
      '民政已有这份报告的工单，无需转接',
    );
    expect(handoffRefusalMessage('HANDOFF_OWN_DEPARTMENT')).toBe(
      '不能转接给本部门，交给本部门的其他单位请用“转办”',
    );
  });
});

describe('handoverRefusal', () => {
  it.each([
    ['civil_affairs', 'dispatched', 'SIGN_FIRST'],
    ['civil_affairs', 'in_progress', null],
    ['civil_affairs', 'resolved', null],
    ['civil_affairs', 'returned', 'WRONG_STATE'],
    ['police', 'in_progress', 'HANDOVER_NOT_CIVIL_AFFAIRS'],
    ['township', 'resolved', 'HANDOVER_NOT_CIVIL_AFFAIRS'],
    ['education', 'dispatched', 'HANDOVER_NOT_CIVIL_AFFAIRS'],
  ] as const)('a %s order %s → %s', (department, status, expected) => {
    expect(handoverRefusal({ department, status })).toBe(expected);
  });
});

describe('reporterOrders', () => {
  it('keeps the routed orders and drops the handed-off ones', () => {
    const routed = { id: 'a', handedOffFrom: null };
    const handedOff = { id: 'b', handedOffFrom: 'a' };

    expect(reporterOrders([routed, handedOff])).toEqual([routed]);
    expect(reachesReporter(handedOff)).toBe(false);
  });
});

describe('handoffTexts', () => {
  const police = { department: 'police', unitName: '泗县公安局', placement: 'unit' } as const;

  it('says who brought whom in, and why, on both orders', () => {
    const texts = handoffTexts(
      police,
      { department: 'civil_affairs', unitName: '泗县民政局', placement: 'unit' },
      '家庭需要临时救助。',
    );

    expect(texts).toEqual({
      source: '转接：请民政（泗县民政局）协办。原因：家庭需要临时救助。',
      target: '由公安（泗县公安局）转接：家庭需要临时救助。',
    });
  });

  it('says who still has to place an order no unit of the department covers', () => {
    const unrouted = handoffTexts(
      police,
      { department: 'township', unitName: '泗县联席办', placement: 'coordinator' },
      '请评估帮扶。',
    );
    const adminQueue = handoffTexts(
      police,
      { department: 'township', unitName: null, placement: 'admin' },
      '请评估帮扶。',
    );

    expect(unrouted.source).toBe('转接：请乡镇（泗县联席办待改派）协办。原因：请评估帮扶。');
    expect(adminQueue.source).toBe('转接：请乡镇（系统管理员待分派）协办。原因：请评估帮扶。');
  });
});

describe('handoverText', () => {
  it('gives the Beijing time of the handover and no names', () => {
    expect(handoverText('2026-12-03T06:30:00Z')).toBe(
      '已记录临时监护书面交接（交接时间 12月3日 14:30）',
    );
  });
});

describe('handoffReasonsFrom', () => {
  it('offers each one-tap reason to every department but the one it brings in', () => {
    for (const from of RECEIVING_DEPARTMENTS) {
      expect(handoffReasonsFrom(from).map((r) => r.code)).toEqual(
        HANDOFF_REASONS.filter((r) => r.department !== from).map((r) => r.code),
      );
    }
  });
});
