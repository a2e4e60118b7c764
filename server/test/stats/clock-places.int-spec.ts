import { type DataSource } from 'typeorm';
import { OrderClockEntity, OrderEntity } from '../../src/orders/order.entity';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { aTwoTownshipCountyApp } from '../factories/two-townships.factory';
import { type TestApp } from '../setup/test-app';

/**
 * Every clock carries its order's unit and place for the figures (migration 1765204000000). Every
 * road that writes clocks or moves an order to another unit is walked here through the API, and
 * afterwards every clock row must agree with its order.
 */
describe('the unit and place each clock carries for the figures', () => {
  let sut: TestApp;
  let db: DataSource;
  let county: County;
  let otherTownship: string;
  let unsupervisedTownship: string;

  beforeAll(async () => {
    ({ sut, db, county, otherTownship } = await aTwoTownshipCountyApp());
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  async function aReportAt(divisionCode: string) {
    return submitReport(sut.baseUrl, token('reporter'), {
      situations: ['consultation'],
      location: { divisionCode },
      child: {},
    });
  }

  async function aTownshipOrder(): Promise<string> {
    const report = await aReportAt(TOWN);
    return (await orderOf(sut.baseUrl, token('township'), report.id, 'township')).id;
  }

  /** Each clock row whose unit or place is not its order's, with both. */
  async function disagreeing() {
    const orders = new Map(
      (await db.getRepository(OrderEntity).find()).map((order) => [order.id, order]),
    );
    const clocks = await db.getRepository(OrderClockEntity).find();
    return {
      clocks: clocks.length,
      disagreeing: clocks
        .map((c) => ({ c, order: orders.get(c.orderId) }))
        .filter(
          ({ c, order }) => c.unitId !== order?.unitId || c.divisionCode !== order?.divisionCode,
        )
        .map(({ c, order }) => ({
          clock: `${c.orderId} ${c.clock}`,
          carries: [c.unitId, c.divisionCode],
          order: [order?.unitId, order?.divisionCode],
        })),
    };
  }

  it('agree with their orders after intake, signing, 转接, 转办, 改派 (after a return too, and of an unrouted order), reopening and a priority change', async () => {
    const { units } = county;
    // Intake: the township's and the education bureau's orders, routed.
    const routed = await aTownshipOrder();
    // Signing starts the feedback clock; a handoff (转接) adds an assist order.
    await act(sut.baseUrl, token('township'), routed, 'sign');
    const handoff = await http(sut.baseUrl, 'POST', `/orders/${routed}/handoff`, {
      token: token('township'),
      body: { department: 'civil_affairs', reason: '需要民政部门救助' },
    });
    expect(handoff.status).toBe(201);

    // 转办 to another township.
    const transferred = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), transferred, 'transfer', {
      unitId: otherTownship,
      reason: '孩子住在草沟镇',
    });

    // A return, then the coordinator's 改派.
    const returned = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), returned, 'sign');
    await act(sut.baseUrl, token('township'), returned, 'return', { reason: '不属于本镇' });
    await act(sut.baseUrl, token('coordinator'), returned, 'reassign', {
      unitId: otherTownship,
      reason: '孩子住在草沟镇',
    });

    // A township with no unit: the order waits at the coordinator, who routes it (改派).
    const unrouted = await aReportAt(TOWN_WITHOUT_SUPERVISOR);
    const waiting = await orderOf(sut.baseUrl, token('coordinator'), unrouted.id, 'township');
    expect(waiting.unitId).toBe(units.coordinator.id);
    unsupervisedTownship = (
      await aUnit(sut.baseUrl, {
        name: '大庄镇儿童督导站',
        department: 'township',
        divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
      })
    ).id;
    await act(sut.baseUrl, token('coordinator'), waiting.id, 'reassign', {
      unitId: unsupervisedTownship,
      reason: '大庄镇督导站已建立',
    });

    // Resolved, reopened (a fresh 办结 clock), and raised in priority.
    const reopened = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), reopened, 'sign');
    await act(sut.baseUrl, token('township'), reopened, 'resolve', {
      outcome: 'answered',
      reporterSummary: '已电话答复报告人。',
      detail: '已答复。',
    });
    await act(sut.baseUrl, token('coordinator'), reopened, 'reopen', { reason: '答复不完整' });
    await act(sut.baseUrl, token('coordinator'), reopened, 'priority', {
      priority: 'P1',
      reason: '情况紧急',
    });

    const moved = await db
      .getRepository(OrderEntity)
      .findBy([{ id: transferred }, { id: returned }, { id: waiting.id }]);
    expect(moved.map((order) => order.unitId).sort()).toEqual(
      [otherTownship, otherTownship, unsupervisedTownship].sort(),
    );
    const { clocks, disagreeing: wrong } = await disagreeing();
    expect(clocks).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});
