import type { OrderStatus } from './order-states';
import {
  departmentResults,
  leadOutcome,
  orderPlacement,
  outcomeView,
  placementText,
  resultLine,
  type ResultSource,
} from './reporter-orders';

describe('orderPlacement', () => {
  it.each<[string, { unitId: string | null; unrouted: boolean; status: OrderStatus }, string]>([
    [
      'a unit of the department holds it',
      { unitId: 'u', unrouted: false, status: 'dispatched' },
      'unit',
    ],
    ['the unit is working on it', { unitId: 'u', unrouted: false, status: 'in_progress' }, 'unit'],
    [
      'unrouted to the coordinator',
      { unitId: 'c', unrouted: true, status: 'dispatched' },
      'coordinator',
    ],
    [
      'returned, waiting for 改派',
      { unitId: 'u', unrouted: false, status: 'returned' },
      'coordinator',
    ],
    ['no unit and no coordinator', { unitId: null, unrouted: true, status: 'dispatched' }, 'admin'],
  ])('%s → %s', (_, order, placement) => {
    expect(orderPlacement(order)).toBe(placement);
  });
});

describe('placementText', () => {
  it.each([
    ['township', 'unit', '乡镇'],
    ['police', 'unit', '公安'],
    ['township', 'coordinator', '县联席办（待分派到乡镇）'],
    ['civil_affairs', 'coordinator', '县联席办（待分派到民政）'],
    ['education', 'admin', '系统管理员（待分派到教育）'],
  ] as const)('%s held by %s reads %s', (department, placement, text) => {
    expect(placementText(department, placement)).toBe(text);
  });
});

const order = (overrides: Partial<ResultSource>): ResultSource => ({
  department: 'police',
  role: 'lead',
  status: 'in_progress',
  outcome: null,
  reporterSummary: null,
  ...overrides,
});

describe('departmentResults', () => {
  it('gives each resolved order’s result, lead first, whether or not the lead has one yet', () => {
    const orders = [
      order({
        department: 'township',
        role: 'assist',
        status: 'resolved',
        outcome: 'home_visit_done',
        reporterSummary: '已家访。',
      }),
      order({ department: 'police', role: 'lead', status: 'dispatched' }),
      order({
        department: 'civil_affairs',
        role: 'assist',
        status: 'resolved',
        outcome: 'benefits_granted',
        reporterSummary: '已救助。',
      }),
    ];

    expect(departmentResults(orders).map((r) => r.department)).toEqual([
      'civil_affairs',
      'township',
    ]);
    expect(leadOutcome(orders)).toBeNull();

    orders[1] = order({ status: 'resolved', outcome: 'case_filed', reporterSummary: '已立案。' });
    expect(departmentResults(orders).map((r) => r.department)).toEqual([
      'police',
      'civil_affairs',
      'township',
    ]);
    expect(leadOutcome(orders)).toEqual({
      code: 'case_filed',
      label: '已立案侦查',
      summary: '已立案。',
    });
  });

  it('gives no result for an order reopened after its outcome was recorded', () => {
    const reopened = order({
      status: 'in_progress',
      outcome: 'case_filed',
      reporterSummary: '已立案。',
    });

    expect(departmentResults([reopened])).toEqual([]);
    expect(leadOutcome([reopened])).toBeNull();
  });

  it('writes a result as a timeline line by kind of department', () => {
    const [result] = departmentResults([
      order({
        department: 'township',
        status: 'resolved',
        outcome: 'returned_to_school',
        reporterSummary: '孩子已回校。',
      }),
    ]);

    expect(resultLine(result)).toBe('乡镇：已劝返复学。孩子已回校。');
  });
});

describe('outcomeView', () => {
  it.each<[string, Partial<ResultSource>, ReturnType<typeof outcomeView>]>([
    ['no outcome yet', { status: 'in_progress' }, null],
    [
      'resolved',
      { status: 'resolved', outcome: 'case_filed', reporterSummary: '已立案。' },
      { code: 'case_filed', label: '已立案侦查', summary: '已立案。' },
    ],
    [
      'reopened: staff still see the last outcome',
      { status: 'in_progress', outcome: 'case_filed', reporterSummary: '已立案。' },
      { code: 'case_filed', label: '已立案侦查', summary: '已立案。' },
    ],
    [
      'purged: the outcome stays, its words are gone',
      { status: 'resolved', outcome: 'case_filed', reporterSummary: null },
      { code: 'case_filed', label: '已立案侦查', summary: '' },
    ],
  ])('%s', (_, overrides, view) => {
    expect(outcomeView(order(overrides))).toEqual(view);
  });
});
