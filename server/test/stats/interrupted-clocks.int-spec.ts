import { type DataSource } from 'typeorm';
import { OrderClockEntity, RetiredClockEntity } from '../../src/orders/order.entity';
import { TOWN, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aTwoTownshipCountyApp } from '../factories/two-townships.factory';
import { type TestApp } from '../setup/test-app';

/**
 * What the figures count as interrupted is written by the order's actions: a return marks the
 * clocks it stops, a 改派 or 转办 keeps the clocks it replaces with the unit that held them, a
 * 重新办理 keeps the 办结 clock it restarts.
 */
describe('clocks a return, a move or a reopen ends, kept for the figures', () => {
  let sut: TestApp;
  let db: DataSource;
  let county: County;
  let otherTownship: string;

  beforeAll(async () => {
    ({ sut, db, county, otherTownship } = await aTwoTownshipCountyApp());
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  async function aTownshipOrder(): Promise<string> {
    const report = await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
      child: {},
    });
    return (await orderOf(sut.baseUrl, token('township'), report.id, 'township')).id;
  }

  const clocks = async (orderId: string) =>
    (await db.getRepository(OrderClockEntity).find({ where: { orderId } }))
      .map((c) => ({ clock: c.clock, stopped: c.stoppedAt !== null, interrupted: c.interrupted }))
      .sort((a, b) => a.clock.localeCompare(b.clock));
  const retired = async (orderId: string) =>
    (await db.getRepository(RetiredClockEntity).find({ where: { orderId } }))
      .map((c) => ({ clock: c.clock, unitId: c.unitId, interrupted: c.interrupted }))
      .sort((a, b) => a.clock.localeCompare(b.clock));

  it('marks the clocks a return stops, and keeps them for the returning unit when reassigned', async () => {
    const id = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), id, 'sign');
    await act(sut.baseUrl, token('township'), id, 'return', { reason: '不属于本镇' });

    expect(await clocks(id)).toEqual([
      { clock: 'contact', stopped: true, interrupted: true },
      { clock: 'feedback', stopped: true, interrupted: true },
      { clock: 'resolve', stopped: true, interrupted: true },
      { clock: 'sign', stopped: true, interrupted: false },
    ]);

    await act(sut.baseUrl, token('coordinator'), id, 'reassign', {
      unitId: otherTownship,
      reason: '孩子住在草沟镇',
    });

    const township = county.units.township.id;
    expect(await retired(id)).toEqual([
      { clock: 'contact', unitId: township, interrupted: true },
      { clock: 'feedback', unitId: township, interrupted: true },
      { clock: 'resolve', unitId: township, interrupted: true },
      { clock: 'sign', unitId: township, interrupted: false },
    ]);
    expect(await clocks(id)).toEqual([
      { clock: 'contact', stopped: false, interrupted: false },
      { clock: 'resolve', stopped: false, interrupted: false },
      { clock: 'sign', stopped: false, interrupted: false },
    ]);
  });

  it('keeps the running clocks a 转办 replaces as interrupted', async () => {
    const id = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), id, 'transfer', {
      unitId: otherTownship,
      reason: '孩子住在草沟镇',
    });

    const township = county.units.township.id;
    expect(await retired(id)).toEqual([
      { clock: 'contact', unitId: township, interrupted: true },
      { clock: 'resolve', unitId: township, interrupted: true },
      { clock: 'sign', unitId: township, interrupted: true },
    ]);
  });

  it('keeps the 办结 clock a reopen restarts, as ended by the deed', async () => {
    const id = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), id, 'sign');
    await act(sut.baseUrl, token('township'), id, 'resolve', {
      outcome: 'answered',
      reporterSummary: '已电话答复报告人。',
      detail: '已答复。',
    });
    await act(sut.baseUrl, token('coordinator'), id, 'reopen', { reason: '答复不完整' });

    expect(await retired(id)).toEqual([
      { clock: 'resolve', unitId: county.units.township.id, interrupted: false },
    ]);
  });
});
