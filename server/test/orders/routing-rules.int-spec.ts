import {
  DEFAULT_SLA_POLICY,
  DEPARTMENTS,
  DEPARTMENT_LABELS,
  DEPARTMENT_STRENGTH,
  SITUATION_CODES,
  refusalMessage,
  route,
  type ApiErrorBody,
  type OrderSummary,
  type Page,
  type ReceivingDepartment,
  type SituationCode,
  type UnitChoice,
} from '@shouhu/shared';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const MAX_DAYS = DEFAULT_SLA_POLICY.maxExtensionWorkingDays;
const HOUR = 3600_000;

/** domain.md, Routing 1–6 and the extension rule, as the API applies them. */
describe('routing rules through the API', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;
  const sessionOf: Record<ReceivingDepartment, keyof County['sessions']> = {
    police: 'police',
    civil_affairs: 'civil',
    township: 'township',
    education: 'education',
  };
  const file = (overrides: Parameters<typeof submitReport>[2]) =>
    submitReport(sut.baseUrl, token('reporter'), {
      location: { divisionCode: TOWN },
      child: {},
      ...overrides,
    });
  const coordinatorOrders = async (reportId: string) =>
    (
      await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
        token: token('coordinator'),
      })
    ).body.items.filter((o) => o.reportId === reportId);

  describe('intake', () => {
    it.each(SITUATION_CODES)(
      'files a report about %s alone as the shared routing says',
      async (code) => {
        const report = await file({ situations: [code] });
        const expected = route({ situations: [code], immediateDanger: false }, { repeat: false });

        expect(report.priority).toBe(expected.priority);
        expect(report.orders.map((o) => [o.department, o.role, o.priority])).toEqual(
          expected.orders.map((o) => [o.department, o.role, o.priority]),
        );
      },
    );

    it('sends a dropout whose whereabouts are unknown to the police too, at P2, and says why', async () => {
      const unknown = await file({ situations: ['dropout'], child: { whereaboutsUnknown: true } });
      const known = await file({ situations: ['dropout'], child: { whereaboutsUnknown: false } });
      const police = await orderOf(sut.baseUrl, token('police'), unknown.id, 'police');
      const detail = await http<{ timeline: { text: string }[] }>(
        sut.baseUrl,
        'GET',
        `/orders/${police.id}`,
        { token: token('police') },
      );

      expect(unknown.priority).toBe('P2');
      expect(unknown.orders.map((o) => [o.department, o.role])).toEqual([
        ['police', 'assist'],
        ['township', 'lead'],
        ['education', 'assist'],
      ]);
      expect(detail.body.timeline[0].text).toContain('辍学儿童去向不明');
      expect(known.priority).toBe('P3');
      expect(known.orders.map((o) => o.department)).toEqual(['township', 'education']);
    });

    it('refuses a whereabouts answer that is not true or false', async () => {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
        token: token('reporter'),
        headers: { 'idempotency-key': 'whereabouts-not-boolean' },
        body: {
          channel: 'public',
          situations: ['dropout'],
          immediateDanger: false,
          description: '孩子已经两周没有来上学，家里电话一直打不通。',
          discoveredAt: new Date(Date.now() - HOUR).toISOString(),
          location: { divisionCode: TOWN },
          child: { whereaboutsUnknown: '不知道' },
          reporter: { anonymous: true },
        },
      });

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('改派 stays within the department', () => {
    /**
     * A second unit of every department in the county (草沟镇), so each order has somewhere to go;
     * the village unit (草沟村, under 草沟镇's station) is refused to every order like the others.
     */
    let others: Record<(typeof DEPARTMENTS)[number], string>;

    beforeAll(async () => {
      const entries: [string, string][] = [];
      for (const department of DEPARTMENTS.filter((d) => d !== 'village')) {
        const unit = await aUnit(sut.baseUrl, {
          name: `草沟镇${DEPARTMENT_LABELS[department]}`,
          department,
          divisionPrefixes: [`${COUNTY}103`],
        });
        entries.push([department, unit.id]);
      }
      const village = await aUnit(sut.baseUrl, {
        name: '草沟村（儿童主任）',
        department: 'village',
        divisionPrefixes: [`${COUNTY}103200`],
        parentId: Object.fromEntries(entries).township,
      });
      entries.push(['village', village.id]);
      others = Object.fromEntries(entries) as typeof others;
    });

    it.each(DEPARTMENT_STRENGTH)(
      'moves a %s order only to a unit of its own department, and lists only those',
      async (department) => {
        const report = await file({ situations: ['violence_abuse', 'dropout'] });
        const order = await orderOf(
          sut.baseUrl,
          token(sessionOf[department]),
          report.id,
          department,
        );

        const choices = await http<UnitChoice[]>(sut.baseUrl, 'GET', `/orders/${order.id}/units`, {
          token: token('coordinator'),
        });
        const refused = [];
        for (const target of DEPARTMENTS.filter((d) => d !== department)) {
          const response = await http<ApiErrorBody>(
            sut.baseUrl,
            'POST',
            `/orders/${order.id}/reassign`,
            { token: token('coordinator'), body: { unitId: others[target], reason: '试改派' } },
          );
          refused.push([target, response.status, response.body.errors?.unitId]);
        }
        const moved = await act(sut.baseUrl, token('coordinator'), order.id, 'reassign', {
          unitId: others[department],
          reason: '孩子住在草沟镇',
        });

        expect(choices.body.every((u) => u.department === department)).toBe(true);
        expect(choices.body.map((u) => u.id)).toContain(others[department]);
        for (const [target, status, message] of refused) {
          expect([target, status]).toEqual([target, 400]);
          expect(message).toContain('只能改派给');
        }
        expect(moved).toMatchObject({ department, unitId: others[department] });
        const kept = (await coordinatorOrders(report.id)).map((o) => o.department).sort();
        expect(kept).toEqual([...DEPARTMENT_STRENGTH].sort());
      },
    );
  });

  describe('转办 and 改派 stay in the report’s county and leave the unit', () => {
    /** 萧县 (341322): a police unit of another county, and a report no unit covers (admin queue). */
    const OTHER_COUNTY = '341322';
    let elsewhere: string;

    beforeAll(async () => {
      elsewhere = (
        await aUnit(sut.baseUrl, {
          name: '萧县公安局',
          department: 'police',
          divisionPrefixes: [OTHER_COUNTY],
        })
      ).id;
    });

    const move = (who: keyof County['sessions'], orderId: string, how: string, unitId: string) =>
      http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${orderId}/${how}`, {
        token: token(who),
        body: { unitId, reason: '试移交' },
      });

    it.each([
      ['the coordinator', 'coordinator', 'reassign'],
      ['the police unit', 'police', 'transfer'],
    ] as const)(
      'refuses %s moving a police order to its own unit or to another county, and never lists them',
      async (_, who, how) => {
        const report = await file({ situations: ['violence_abuse'] });
        const order = await orderOf(sut.baseUrl, token('police'), report.id, 'police');

        const choices = await http<UnitChoice[]>(sut.baseUrl, 'GET', `/orders/${order.id}/units`, {
          token: token(who),
        });
        const same = await move(who, order.id, how, order.unitId!);
        const away = await move(who, order.id, how, elsewhere);

        expect(choices.body.map((u) => u.id)).not.toContain(order.unitId);
        expect(choices.body.map((u) => u.id)).not.toContain(elsewhere);
        expect([same.status, away.status]).toEqual([400, 400]);
        expect(same.body.errors).toHaveProperty(['unitId']);
        const unchanged = (await coordinatorOrders(report.id)).find((o) => o.id === order.id);
        expect(unchanged).toMatchObject({ unitId: order.unitId, status: 'dispatched' });
      },
    );

    it('keeps an admin-queue order in its own county', async () => {
      const report = await file({
        situations: ['violence_abuse'],
        location: { divisionCode: '110101' },
      });
      const queue = await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
        token: token('admin'),
      });
      const order = queue.body.items.find(
        (o) => o.reportId === report.id && o.department === 'police',
      )!;

      const moved = await move('admin', order.id, 'reassign', county.units.police.id);

      expect(moved.status).toBe(400);
      expect(moved.body.errors).toHaveProperty(['unitId']);
    });
  });

  describe('extensions', () => {
    const ask = (orderId: string, who: keyof County['sessions'], body: object) =>
      http<OrderSummary & ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${orderId}/extension`, {
        token: token(who),
        body: { reason: '需要补充调查', ...body },
      });
    const fileAtNine = async (situations: SituationCode[]) => {
      await county.setClock('2026-11-16T10:00:00+08:00');
      return file({ situations, discoveredAt: '2026-11-16T09:00:00+08:00' });
    };
    const approve = (orderId: string) =>
      act(sut.baseUrl, token('coordinator'), orderId, 'extension/decision', { approve: true });

    it('takes a police P1 order up the 立案审查 ladder, 7 then 30 days, and no further', async () => {
      const report = await fileAtNine(['violence_abuse']);
      const order = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      await act(sut.baseUrl, token('police'), order.id, 'sign');
      const dispatched = Date.parse('2026-11-16T10:00:00+08:00');

      const withDays = await ask(order.id, 'police', { workingDays: 3 });
      const first = await ask(order.id, 'police', {});
      const seven = await approve(order.id);
      await ask(order.id, 'police', {});
      const thirty = await approve(order.id);
      const third = await ask(order.id, 'police', {});

      expect(withDays.status).toBe(400);
      expect(withDays.body.errors?.workingDays).toContain('不填工作日数');
      expect(first.body.extensionPendingDays).toBe(0);
      expect(seven.resolveDueAt).toBe(new Date(dispatched + 7 * 24 * HOUR).toISOString());
      expect(thirty.resolveDueAt).toBe(new Date(dispatched + 30 * 24 * HOUR).toISOString());
      expect(third.status).toBe(409);
      expect(third.body).toEqual({
        code: 'EXTENSION_LIMIT',
        message: refusalMessage('EXTENSION_LIMIT'),
        requestId: expect.any(String),
      });
    });

    it(`extends a P1 order of another department by 1 to ${MAX_DAYS} working days`, async () => {
      const report = await fileAtNine(['violence_abuse']);
      const order = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
      await act(sut.baseUrl, token('civil'), order.id, 'sign');

      const none = await ask(order.id, 'civil', {});
      const tooMany = await ask(order.id, 'civil', { workingDays: MAX_DAYS + 1 });
      const asked = await ask(order.id, 'civil', { workingDays: MAX_DAYS });
      const approved = await approve(order.id);

      expect(none.status).toBe(400);
      expect(none.body.errors?.workingDays).toContain(`1到${MAX_DAYS}`);
      expect(tooMany.status).toBe(400);
      expect(asked.status).toBe(200);
      expect(asked.body.extensionPendingDays).toBe(MAX_DAYS);
      // P1 resolve: 72 h → Thu 19 Nov; ten working days on → Thu 3 Dec, end of day.
      expect(approved.resolveDueAt).toBe(new Date('2026-12-03T23:59:59.999+08:00').toISOString());
    });

    it('refuses to approve a request the order can no longer have after a priority change', async () => {
      const report = await fileAtNine(['living_alone']);
      const order = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      await act(sut.baseUrl, token('police'), order.id, 'sign');
      await ask(order.id, 'police', { workingDays: 2 });
      await act(sut.baseUrl, token('coordinator'), order.id, 'priority', {
        priority: 'P1',
        reason: '孩子情况恶化',
      });

      const approval = await http<ApiErrorBody>(
        sut.baseUrl,
        'POST',
        `/orders/${order.id}/extension/decision`,
        { token: token('coordinator'), body: { approve: true } },
      );
      const refusal = await act(sut.baseUrl, token('coordinator'), order.id, 'extension/decision', {
        approve: false,
      });

      expect(approval.status).toBe(409);
      expect(approval.body).toEqual({
        code: 'EXTENSION_NO_LONGER_OFFERED',
        message: refusalMessage('EXTENSION_NO_LONGER_OFFERED'),
        requestId: expect.any(String),
      });
      expect(refusal.extensionPendingDays).toBeNull();
    });
  });
});
