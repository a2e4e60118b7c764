import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { NewOrderOutbox, type DispatchedOrder } from './new-order-outbox';
import type {
  NewOrderSubscriber,
  NewOrderSubscriptionsRepository,
} from './new-order-subscriptions.repository';
import type { NewNotification, NotificationsRepository } from './notifications.repository';

const NOW = new Date('2026-11-17T01:00:00Z');
const TEMPLATE = 'NewOrderTemplate_0123456789abcdefghijklmnopq';
const manager = {} as EntityManager;

const anOrder = (id: string, unitId: string | null): DispatchedOrder => ({
  id,
  reportId: 'report-1',
  unitId,
  department: 'civil_affairs',
  role: 'assist',
  priority: 'P2',
  divisionCode: '341324100',
  signDueAt: new Date('2026-11-17T03:00:00Z'),
});

/**
 * The outbox over stand-ins of its repositories. The subscriptions stand-in answers as the real one
 * does: only the subscribers of the units asked about.
 */
function setUp(subscribers: NewOrderSubscriber[], template: string | null = TEMPLATE) {
  const subscriptions = {
    lockRemaining: jest.fn(async (_: EntityManager, unitIds: string[]) =>
      subscribers.filter((s) => unitIds.includes(s.unitId)),
    ),
    use: jest.fn(async () => undefined),
  };
  const notifications = {
    insertPending: jest.fn(
      async (_manager: EntityManager, _messages: NewNotification[], _at: Date) => undefined,
    ),
  };
  const config = { notifications: { newOrderTemplate: template } } as AppConfig;
  const sut = new NewOrderOutbox(
    subscriptions as unknown as NewOrderSubscriptionsRepository,
    notifications as unknown as NotificationsRepository,
    config,
  );
  /** What the outbox queued: one insert, in the dispatch's transaction, at the dispatch's time. */
  const inserted = (): NewNotification[] => {
    expect(notifications.insertPending.mock.calls).toHaveLength(1);
    const [[into, messages, at]] = notifications.insertPending.mock.calls;
    expect([into, at]).toEqual([manager, NOW]);
    return messages;
  };
  return { sut, subscriptions, notifications, inserted };
}

describe(NewOrderOutbox.name, () => {
  it('queues one message per subscribed handler of the order’s unit and uses one acceptance each', async () => {
    const { sut, subscriptions, inserted } = setUp([
      { userId: 'a', unitId: 'township', remaining: 3 },
      { userId: 'b', unitId: 'township', remaining: 1 },
      { userId: 'c', unitId: 'police', remaining: 1 },
    ]);

    await sut.enqueue(manager, [anOrder('order-1', 'township')], NOW);

    expect(subscriptions.lockRemaining.mock.calls).toEqual([[manager, ['township']]]);
    const queued = inserted();
    expect(queued.map((n) => [n.userId, n.kind, n.page])).toEqual([
      ['a', 'new_order', 'staff/order/index?id=order-1'],
      ['b', 'new_order', 'staff/order/index?id=order-1'],
    ]);
    expect(queued[0]).toEqual({
      userId: 'a',
      kind: 'new_order',
      page: 'staff/order/index?id=order-1',
      templateId: TEMPLATE,
      reportId: 'report-1',
      data: {
        phrase1: { value: '加急' },
        thing2: { value: '民政协助工单' },
        time3: { value: '2026-11-17 11:00' },
      },
    });
    expect(subscriptions.use.mock.calls).toEqual([[manager, ['a', 'b'], 1, NOW]]);
  });

  it('sends a handler as many of the orders reaching their unit as they have acceptances, no more', async () => {
    const { sut, subscriptions, inserted } = setUp([
      { userId: 'a', unitId: 'coordinator', remaining: 2 },
      { userId: 'b', unitId: 'coordinator', remaining: 1 },
    ]);

    await sut.enqueue(
      manager,
      [
        anOrder('order-1', 'coordinator'),
        anOrder('order-2', 'coordinator'),
        anOrder('order-3', 'coordinator'),
      ],
      NOW,
    );

    expect(inserted().map((n) => [n.userId, n.page])).toEqual([
      ['a', 'staff/order/index?id=order-1'],
      ['b', 'staff/order/index?id=order-1'],
      ['a', 'staff/order/index?id=order-2'],
    ]);
    expect(subscriptions.use.mock.calls).toEqual([
      [manager, ['a'], 2, NOW],
      [manager, ['b'], 1, NOW],
    ]);
  });

  it('looks for no subscribers and queues nothing when the template is not configured', async () => {
    const { sut, subscriptions, notifications } = setUp(
      [{ userId: 'a', unitId: 'township', remaining: 3 }],
      null,
    );

    await sut.enqueue(manager, [anOrder('order-1', 'township')], NOW);

    expect(subscriptions.lockRemaining).not.toHaveBeenCalled();
    expect(subscriptions.use).not.toHaveBeenCalled();
    expect(notifications.insertPending).not.toHaveBeenCalled();
  });

  it('asks about no unit for an order in the admin queue, and queues nothing', async () => {
    const { sut, subscriptions, notifications } = setUp([
      { userId: 'a', unitId: 'township', remaining: 3 },
    ]);

    await sut.enqueue(manager, [anOrder('order-1', null)], NOW);

    expect(subscriptions.lockRemaining.mock.calls).toEqual([[manager, []]]);
    expect(subscriptions.use).not.toHaveBeenCalled();
    expect(notifications.insertPending).not.toHaveBeenCalled();
  });
});
