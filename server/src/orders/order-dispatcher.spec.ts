import { route, type Routing } from '@shouhu/shared';
import type { CalendarService } from '../calendar/calendar.service';
import type { NewOrderOutbox } from '../notifications/new-order-outbox';
import type { SmsOutbox } from '../sms/sms-outbox';
import type { UnitRecord } from '../units/unit';
import type { UnitsRepository } from '../units/units.repository';
import { AT, anOrderEntity, aReportEntity } from '../../test/factories/entity.factory';
import { InMemoryOrders } from '../../test/fakes/in-memory-orders';
import { workingDayCalendar } from '../../test/fakes/working-day-calendar';
import { ClockPlanner } from './clock-planner';
import { OrderDispatcher } from './order-dispatcher';
import type { OrderInbox } from './order-inbox';
import type { OrdersRepository } from './orders.repository';
import {
  COORDINATOR,
  COUNTY_TOWNSHIPS,
  EDUCATION,
  OTHER_TOWNSHIP,
  TOWNSHIP,
} from '../../test/factories/county-units';

const manager = InMemoryOrders.manager;
const calendar = workingDayCalendar as CalendarService;

/** Dropout: the township leads, education assists; P3 unless raised. */
const DROPOUT: Routing = route(
  { situations: ['dropout'], immediateDanger: false },
  { repeat: false },
);

function setUp(units: UnitRecord[], orders = new InMemoryOrders()) {
  const newOrders = { enqueue: jest.fn(async () => undefined) };
  const sms = { dispatched: jest.fn(async () => undefined) };
  const inbox = { reached: jest.fn(async () => undefined) };
  const sut = new OrderDispatcher(
    orders as unknown as OrdersRepository,
    { list: async () => units } as unknown as UnitsRepository,
    new ClockPlanner(calendar),
    calendar,
    newOrders as unknown as NewOrderOutbox,
    sms as unknown as SmsOutbox,
    inbox as unknown as OrderInbox,
  );
  return { sut, orders, newOrders, sms, inbox };
}

describe(OrderDispatcher.name, () => {
  describe('dispatch', () => {
    it('sends each routed order to its department’s unit with the longest prefix of the place', async () => {
      const { sut, orders } = setUp([COUNTY_TOWNSHIPS, OTHER_TOWNSHIP, TOWNSHIP, EDUCATION]);

      const created = await sut.dispatch(manager, aReportEntity(), DROPOUT, AT);

      expect(created.map((o) => [o.department, o.role, o.unitName, o.placement])).toEqual([
        ['township', 'lead', TOWNSHIP.name, 'unit'],
        ['education', 'assist', EDUCATION.name, 'unit'],
      ]);
      expect([...orders.orders.values()].map((o) => [o.unitId, o.unrouted, o.status])).toEqual([
        [TOWNSHIP.id, false, 'dispatched'],
        [EDUCATION.id, false, 'dispatched'],
      ]);
    });

    it('gives an order no unit of its department covers to the county’s coordinator, unrouted', async () => {
      const { sut, orders } = setUp([TOWNSHIP, COORDINATOR]);

      const created = await sut.dispatch(manager, aReportEntity(), DROPOUT, AT);

      expect(created.map((o) => [o.department, o.unitName, o.placement])).toEqual([
        ['township', TOWNSHIP.name, 'unit'],
        ['education', COORDINATOR.name, 'coordinator'],
      ]);
      const education = [...orders.orders.values()].find((o) => o.department === 'education');
      expect(education).toMatchObject({ unitId: COORDINATOR.id, unrouted: true });
      expect(orders.eventRows.find((e) => e.orderId === education?.id)?.text).toContain(
        `本区划没有教育单位，已转${COORDINATOR.name}改派`,
      );
    });

    it('puts an order on the admin queue when not even a coordinator covers the place', async () => {
      const { sut, orders } = setUp([TOWNSHIP]);

      const created = await sut.dispatch(manager, aReportEntity(), DROPOUT, AT);

      expect(created[1]).toMatchObject({ unitName: '系统管理员', placement: 'admin' });
      const education = [...orders.orders.values()].find((o) => o.department === 'education');
      expect(education).toMatchObject({ unitId: null, unrouted: true });
      expect(orders.eventRows.find((e) => e.orderId === education?.id)?.text).toContain(
        '已转系统管理员分派',
      );
    });

    it('starts the sign, contact and resolve clocks and tells the units in the same transaction', async () => {
      const { sut, orders, newOrders, sms, inbox } = setUp([TOWNSHIP, EDUCATION]);

      const report = aReportEntity();
      const created = await sut.dispatch(manager, report, DROPOUT, AT);

      const stored = [...orders.orders.values()];
      for (const order of stored) {
        expect(orders.clockRows.filter((c) => c.orderId === order.id).map((c) => c.clock)).toEqual([
          'sign',
          'contact',
          'resolve',
        ]);
      }
      const signDue = await calendar.clockDeadline('sign', 'P3', AT);
      expect(created.map((o) => o.signDueAt)).toEqual([
        signDue.toISOString(),
        signDue.toISOString(),
      ]);
      const told = stored.map((o) => ({ ...o, signDueAt: signDue }));
      expect(newOrders.enqueue).toHaveBeenCalledWith(manager, told, AT);
      expect(sms.dispatched).toHaveBeenCalledWith(manager, told, AT, report);
      expect(inbox.reached).toHaveBeenCalledWith(
        manager,
        stored.map((order) => ({ order, signDueAt: signDue })),
        AT,
      );
    });

    it('writes the priority raise into each order’s first timeline entry', async () => {
      const { sut, orders } = setUp([TOWNSHIP, EDUCATION]);
      const raised = route({ situations: ['dropout'], immediateDanger: false }, { repeat: true });

      await sut.dispatch(manager, aReportEntity(), raised, AT);

      expect([...orders.orders.values()].map((o) => [o.priority, o.initialPriority])).toEqual([
        ['P2', 'P3'],
        ['P2', 'P3'],
      ]);
      expect(orders.eventRows.map((e) => e.text)).toEqual([
        expect.stringContaining('优先级由P3提升为P2'),
        expect.stringContaining('优先级由P3提升为P2'),
      ]);
    });
  });

  describe('handOff', () => {
    const LATER = new Date(AT.getTime() + 26 * 3600_000);

    it('adds an assist order at the report’s priority, routed like the report’s own, with clocks from the handoff', async () => {
      const { sut, orders, newOrders } = setUp([COUNTY_TOWNSHIPS, TOWNSHIP, EDUCATION]);
      const from = anOrderEntity({ department: 'education', unitId: EDUCATION.id });

      const { order, unitName } = await sut.handOff(
        manager,
        aReportEntity({ priority: 'P1' }),
        'township',
        from,
        LATER,
      );

      expect(unitName).toBe(TOWNSHIP.name);
      expect(order).toMatchObject({
        department: 'township',
        role: 'assist',
        unitId: TOWNSHIP.id,
        unrouted: false,
        priority: 'P1',
        initialPriority: 'P1',
        dispatchedAt: LATER,
        handedOffFrom: from.id,
      });
      const clocks = orders.clockRows.filter((c) => c.orderId === order.id);
      expect(clocks.map((c) => [c.clock, c.startedAt]).sort()).toEqual([
        ['contact', LATER],
        ['resolve', LATER],
        ['sign', LATER],
      ]);
      expect(clocks.find((c) => c.clock === 'sign')?.dueAt).toEqual(
        new Date(LATER.getTime() + 30 * 60_000),
      );
      expect(newOrders.enqueue).toHaveBeenCalledWith(
        manager,
        [expect.objectContaining({ id: order.id })],
        LATER,
      );
    });

    it('gives the county’s coordinator a handoff no unit of the department covers, unrouted', async () => {
      const { sut } = setUp([EDUCATION, COORDINATOR]);

      const { order, unitName } = await sut.handOff(
        manager,
        aReportEntity(),
        'township',
        anOrderEntity({ department: 'education' }),
        LATER,
      );

      expect([order.unitId, order.unrouted, unitName]).toEqual([
        COORDINATOR.id,
        true,
        COORDINATOR.name,
      ]);
    });
  });

  describe('redispatch', () => {
    it('sends the order to the new unit unsigned, with fresh clocks, and tells that unit', async () => {
      const { sut, newOrders, inbox } = setUp([TOWNSHIP, OTHER_TOWNSHIP]);
      const later = new Date(AT.getTime() + 3 * 3600_000);
      const order = anOrderEntity({
        status: 'in_progress',
        signedAt: AT,
        contactedAt: AT,
        escalationLevel: 1,
        extensionPendingDays: 3,
      });

      const clocks = await sut.redispatch(manager, order, OTHER_TOWNSHIP, later);

      expect(order).toMatchObject({
        unitId: OTHER_TOWNSHIP.id,
        unrouted: false,
        status: 'dispatched',
        dispatchedAt: later,
        signedAt: null,
        contactedAt: null,
        escalationLevel: 0,
        extensionPendingDays: null,
        returnDueAt: await calendar.returnDeadline('P2', later),
      });
      expect(clocks.map((c) => [c.clock, c.startedAt])).toEqual([
        ['sign', later],
        ['contact', later],
        ['resolve', later],
      ]);
      expect(newOrders.enqueue).toHaveBeenCalledWith(
        manager,
        [{ ...order, signDueAt: clocks[0].dueAt }],
        later,
      );
      expect(inbox.reached).toHaveBeenCalledWith(
        manager,
        [{ order, signDueAt: clocks[0].dueAt }],
        later,
      );
    });
  });

  describe('raised', () => {
    const signClock = (stoppedAt: Date | null) => ({
      orderId: 'order-1',
      clock: 'sign' as const,
      startedAt: AT,
      dueAt: new Date(AT.getTime() + 3600_000),
      stage: 'running' as const,
      stoppedAt,
      interrupted: false,
      unitId: null,
      divisionCode: '341324100201',
    });

    it.each([
      [
        'texts the duty phone for P2 raised to P1 while waiting to be signed',
        'P2',
        'P1',
        null,
        true,
      ],
      [
        'texts the duty phone for P3 raised to P1 while waiting to be signed',
        'P3',
        'P1',
        null,
        true,
      ],
      ['sends nothing for P3 raised to P2', 'P3', 'P2', null, false],
      ['sends nothing for P1 lowered to P2', 'P1', 'P2', null, false],
      ['sends nothing for an order raised to P1 after it was signed', 'P2', 'P1', AT, false],
    ] as const)('%s', async (_, from, to, stoppedAt, texts) => {
      const { sut, sms } = setUp([TOWNSHIP]);
      const order = anOrderEntity({ priority: to });
      const clocks = [signClock(stoppedAt)];

      await sut.raised(manager, order, from, clocks, AT);

      expect(sms.dispatched.mock.calls).toEqual(
        texts ? [[manager, [{ ...order, signDueAt: clocks[0].dueAt }], AT]] : [],
      );
    });
  });
});
