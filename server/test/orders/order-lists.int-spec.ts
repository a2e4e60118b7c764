import {
  OUTCOMES_BY_DEPARTMENT,
  SITUATION_CODES,
  type OrderSummary,
  type Page,
  type ReceivingDepartment,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { OrderEntity } from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import {
  COUNTY,
  TOWN,
  TOWN_WITHOUT_SUPERVISOR,
  aCounty,
  type County,
} from '../factories/county.factory';
import { act, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';
import { inListOrder, lowRatedReportIds, type ListScope } from '../setup/order-list-order';

/** Wednesday 2026-11-18, 10:00 in Beijing. */
const MORNING = '2026-11-18T02:00:00Z';
const HOUR = 3600_000;
const PAGE_SIZE = 3;

/**
 * `GET /orders` reads a page's ids in the order of an index, the orders with a running deadline
 * apart from the others, then the page's rows (issue 17). Pinned against the list worked out here
 * from every stored order: the caller's scope and filter, the nearest running deadline first
 * (none last), then the oldest, then by id; every page of three and the exact total.
 */
describe('the order lists, page by page', () => {
  let sut: TestApp;
  let county: County;
  let db: DataSource;
  const clock = new TestClock(new Date(MORNING));

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    db = sut.app.get(DataSource);
    await fileTheMix();
  }, 120_000);
  afterAll(() => sut.close());

  const get = async <T>(path: string, token: string): Promise<T> => {
    const response = await http<T>(sut.baseUrl, 'GET', path, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.body;
  };

  const ordersOf = (department: ReceivingDepartment, token: string) =>
    get<Page<OrderSummary>>('/orders?pageSize=100', token).then((page) =>
      page.items.filter((o) => o.department === department && o.status !== 'resolved'),
    );

  /**
   * Reports in two townships (one without a supervisor: its township orders wait unrouted at
   * the coordinator) and the county, an hour apart, some urgent; then some orders signed, some
   * resolved, one report closed and rated low, one asking for more time.
   */
  async function fileTheMix(): Promise<void> {
    const places = [TOWN, TOWN_WITHOUT_SUPERVISOR, `${TOWN}203`, COUNTY];
    for (let i = 0; i < 12; i++) {
      await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: [SITUATION_CODES[(i * 5) % SITUATION_CODES.length]],
        immediateDanger: i % 4 === 0,
        location: { divisionCode: places[i % places.length] },
        discoveredAt: clock.now().toISOString(),
      });
      clock.advance(HOUR);
    }
    const work: [keyof County['sessions'], ReceivingDepartment][] = [
      ['township', 'township'],
      ['police', 'police'],
      ['education', 'education'],
      ['civil', 'civil_affairs'],
    ];
    for (const [who, department] of work) {
      const token = county.sessions[who].token;
      const open = await ordersOf(department, token);
      for (const [n, order] of open.entries()) {
        if (n % 2 === 0) await act(sut.baseUrl, token, order.id, 'sign');
        if (n % 4 === 0) {
          await act(sut.baseUrl, token, order.id, 'resolve', {
            outcome: OUTCOMES_BY_DEPARTMENT[department][0],
            reporterSummary: '已经处理。',
            detail: '已核实。',
          });
        }
        if (n % 4 === 2) {
          // 公安立案审查 extends by its fixed steps, without a number of days.
          const days = department === 'police' ? {} : { workingDays: 5 };
          await act(sut.baseUrl, token, order.id, 'extension', {
            ...days,
            reason: '需要更多时间。',
          });
        }
      }
    }
    clock.advance(24 * HOUR);
  }

  /** The list as the old single query gave it (ties, which it left open, by id). */
  async function expected(
    scope: ListScope,
    keep: (order: OrderEntity, lowRated: Set<string>) => boolean,
  ): Promise<string[]> {
    const lowRated = lowRatedReportIds(await db.getRepository(ReportEntity).find());
    const kept = (await db.getRepository(OrderEntity).find()).filter((o) => keep(o, lowRated));
    return inListOrder(kept, scope);
  }

  const lists: [string, string, (o: OrderEntity, lowRated: Set<string>) => boolean][] = [
    ['', 'every order', () => true],
    ['status=dispatched', 'dispatched', (o) => o.status === 'dispatched'],
    ['status=in_progress', 'in progress', (o) => o.status === 'in_progress'],
    ['status=resolved', 'resolved', (o) => o.status === 'resolved'],
    ['overdue=true', 'overdue', (o) => o.dueAt !== null && o.dueAt <= clock.now()],
    ['queue=unrouted', 'unrouted', (o) => o.unrouted],
    ['queue=escalated', 'escalated', (o) => o.escalationLevel > 0],
    ['queue=extension', 'asking for more time', (o) => o.extensionPendingDays !== null],
    [
      'queue=low_rating',
      'low-rated',
      (o, lowRated) => o.role === 'lead' && lowRated.has(o.reportId),
    ],
  ];

  const callers: [string, keyof County['sessions'], () => ListScope][] = [
    [
      'the township supervisor',
      'township',
      () => ({ unitIds: [county.units.township.id], prefixes: [] }),
    ],
    ['the county police', 'police', () => ({ unitIds: [county.units.police.id], prefixes: [] })],
    [
      'the coordinator',
      'coordinator',
      () => ({ unitIds: [county.units.coordinator.id], prefixes: [COUNTY] }),
    ],
  ];

  it.each(callers)('gives %s every page in order, with the exact total', async (_, who, scope) => {
    const token = county.sessions[who].token;
    let checked = 0;
    for (const [query, , keep] of lists) {
      const want = await expected(scope(), keep);
      const got: string[] = [];
      for (let page = 1; page <= Math.ceil(want.length / PAGE_SIZE) + 1; page++) {
        const answer = await get<Page<OrderSummary>>(
          `/orders?${query}&page=${page}&pageSize=${PAGE_SIZE}`,
          token,
        );
        expect({ query, page, total: answer.total }).toEqual({ query, page, total: want.length });
        got.push(...answer.items.map((o) => o.id));
      }
      expect({ query, ids: got }).toEqual({ query, ids: want });
      checked += want.length;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('reads the page where the running orders end, and a page past both halves', async () => {
    const token = county.sessions.coordinator.token;
    const want = await expected(
      { unitIds: [county.units.coordinator.id], prefixes: [COUNTY] },
      () => true,
    );
    const running = (await db.getRepository(OrderEntity).find()).filter(
      (o) => o.dueAt !== null,
    ).length;
    const size = [3, 4, 5, 7].find((n) => running % n !== 0) ?? 3;
    const straddling = Math.floor(running / size) + 1;
    const answer = await get<Page<OrderSummary>>(
      `/orders?page=${straddling}&pageSize=${size}`,
      token,
    );
    expect(answer.items.map((o) => o.id)).toEqual(
      want.slice((straddling - 1) * size, straddling * size),
    );
    const dueAt = async (id: string) =>
      (await db.getRepository(OrderEntity).findOneByOrFail({ id })).dueAt;
    expect(await dueAt(answer.items[0].id)).not.toBeNull();
    expect(await dueAt(answer.items.at(-1)?.id ?? '')).toBeNull();
    const past = await get<Page<OrderSummary>>(`/orders?page=1000&pageSize=${size}`, token);
    expect(past).toEqual({ items: [], total: want.length });
  });
});
