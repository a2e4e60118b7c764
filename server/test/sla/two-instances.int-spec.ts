import type { OrderDetail, OrderSummary, Page } from '@shouhu/shared';
import { DataSource, In } from 'typeorm';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };
const REPORTS = 25;

/** Two servers on one database sweep at the same moment; every escalation happens once. */
(testDriver() === 'mysql' ? describe : describe.skip)('the deadline sweep on two servers', () => {
  let first: TestApp;
  let second: TestApp;
  let county: County;

  beforeAll(async () => {
    first = await startTestApp({ env: ENV });
    second = await startTestApp({ env: ENV, databaseUrl: first.databaseUrl ?? undefined });
    county = await aCounty(first.baseUrl);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  async function setBoth(now: string) {
    for (const app of [first, second]) {
      await http(app.baseUrl, 'PUT', '/admin/clock', {
        token: county.sessions.admin.token,
        body: { now },
      });
    }
  }

  it('records each reminder and each escalation exactly once', async () => {
    await setBoth('2026-11-16T09:00:00+08:00');
    for (let i = 0; i < REPORTS; i++) {
      await submitReport(first.baseUrl, county.sessions.reporter.token, {
        situations: ['violence_abuse'],
        location: { divisionCode: TOWN },
        discoveredAt: '2026-11-16T08:00:00+08:00',
        child: {},
      });
    }
    await setBoth('2026-11-16T09:45:00+08:00');

    const sweeps = await Promise.all(
      [first, second].map((app) =>
        http<{ orders: number; events: number }>(app.baseUrl, 'POST', '/admin/sla/sweep', {
          token: county.sessions.admin.token,
        }),
      ),
    );
    const again = await http<{ events: number }>(second.baseUrl, 'POST', '/admin/sla/sweep', {
      token: county.sessions.admin.token,
    });

    const orders = await http<Page<OrderSummary>>(first.baseUrl, 'GET', '/orders?pageSize=100', {
      token: county.sessions.coordinator.token,
    });
    expect(orders.body.total).toBe(REPORTS * 3);
    let events = 0;
    for (const order of orders.body.items) {
      const detail = await http<OrderDetail>(first.baseUrl, 'GET', `/orders/${order.id}`, {
        token: county.sessions.coordinator.token,
      });
      const kinds = detail.body.timeline.map((e) => e.kind);
      expect(kinds.filter((k) => k === 'reminder')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'overdue')).toHaveLength(1);
      expect(order.escalationLevel).toBe(1);
      events += 2;
    }
    expect(sweeps.map((s) => s.status)).toEqual([200, 200]);
    expect(sweeps.map((s) => s.body.events).reduce((a, b) => a + b, 0)).toBe(events);
    expect(sweeps.every((s) => s.body.orders < REPORTS * 3)).toBe(true);
    expect(again.body.events).toBe(0);
    // Each holder's reminder and 督办, and the coordinator's 督办, in the inbox once per order.
    const told = await first.app
      .get(DataSource)
      .getRepository(InboxMessageEntity)
      .find({ where: { kind: In(['reminder', 'overdue']) } });
    const distinct = new Set(told.map((m) => `${m.userId} ${m.kind} ${m.page} ${m.text}`));
    expect(distinct.size).toBe(told.length);
    const coordinatorId = county.sessions.coordinator.user.id;
    expect(told.filter((m) => m.userId === coordinatorId && m.kind === 'overdue')).toHaveLength(
      REPORTS * 3,
    );
    expect(told.filter((m) => m.userId !== coordinatorId && m.kind === 'reminder')).toHaveLength(
      REPORTS * 3,
    );
    expect(told.filter((m) => m.userId !== coordinatorId && m.kind === 'overdue')).toHaveLength(
      REPORTS * 3,
    );
  }, 120_000);
});
