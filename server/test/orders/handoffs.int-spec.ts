import {
  HANDOFF_REASONS,
  type ApiErrorBody,
  type GuardianshipHandover,
  type HotlineCallback,
  type OrderDetail,
  type OrderSummary,
  type ReceivingDepartment,
  type ReportDetails,
  type ReporterReportView,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const ENV = {
  SIMULATED_CLOCK: 'true',
  AUTH_TOKEN_TTL_HOURS: '2000',
  WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
  WECHAT_TEMPLATE_PROGRESS: 'ProgressTemplate_0123456789abcdefghijklmnopq',
  WECHAT_TEMPLATE_CLOSED: 'ClosedTemplate-0123456789abcdefghijklmnopqrst',
};

type Who = keyof County['sessions'];

const reason = (code: (typeof HANDOFF_REASONS)[number]['code']) =>
  HANDOFF_REASONS.find((r) => r.code === code)!.reason;

const WARNING = {
  outcome: 'warning_issued',
  reporterSummary: '已对监护人出具告诫书，并将持续关注。',
  detail: '告诫书编号 2026-17。',
};

describe('handoffs (转接) and written handovers (书面交接)', () => {
  let sut: TestApp;
  let county: County;
  let db: DataSource;

  beforeAll(async () => {
    sut = await startTestApp({ env: ENV });
    county = await aCounty(sut.baseUrl);
    db = sut.app.get(DataSource);
  }, 120_000);
  afterAll(() => sut.close());

  const token = (who: Who) => county.sessions[who].token;

  async function fileAt(
    now: string,
    overrides: Parameters<typeof submitReport>[2] = {},
    reporterToken = token('reporter'),
  ) {
    await county.setClock(now);
    return submitReport(sut.baseUrl, reporterToken, {
      discoveredAt: new Date(Date.parse(now) - 3600_000).toISOString(),
      location: { divisionCode: TOWN },
      child: {},
      ...overrides,
    });
  }

  const handOff = (who: Who, orderId: string, department: ReceivingDepartment, text: string) =>
    http<OrderSummary & ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${orderId}/handoff`, {
      token: token(who),
      body: { department, reason: text },
    });

  const detail = async (who: Who, orderId: string) => {
    const response = await http<OrderDetail<ReportDetails>>(
      sut.baseUrl,
      'GET',
      `/orders/${orderId}`,
      { token: token(who) },
    );
    expect(response.status).toBe(200);
    return response.body;
  };

  const ordersOfReport = async (reportId: string) =>
    (await db.query('SELECT id FROM orders WHERE report_id = ?', [reportId])) as { id: string }[];

  describe('the one-tap cases', () => {
    it('police resolve with a 告诫书, then bring in the township for 评估帮扶', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['street_child'] });
      const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      await act(sut.baseUrl, token('police'), police.id, 'sign');
      await act(sut.baseUrl, token('police'), police.id, 'resolve', WARNING);

      const added = await handOff('police', police.id, 'township', reason('warning_issued'));

      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        reportId: report.id,
        department: 'township',
        role: 'assist',
        status: 'dispatched',
        unitName: '泗城镇儿童督导站',
        unrouted: false,
        handedOffFrom: police.id,
      });
      const inbox = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      expect(inbox.id).toBe(added.body.id);
    });

    it('the township brings in civil affairs for 低保', async () => {
      const report = await fileAt('2026-11-16T10:00:00+08:00', { situations: ['dropout'] });
      const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');

      const added = await handOff('township', township.id, 'civil_affairs', reason('needs_relief'));

      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ department: 'civil_affairs', unitName: '泗县民政局' });
      const inbox = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
      expect(inbox.handedOffFrom).toBe(township.id);
    });

    it.each([['education'], ['township']] as const)(
      '%s brings in the police for a child whose whereabouts are unknown',
      async (from) => {
        const report = await fileAt('2026-11-16T11:00:00+08:00', { situations: ['dropout'] });
        const who = from === 'education' ? 'education' : 'township';
        const source = await orderOf(sut.baseUrl, token(who), report.id, from);

        const added = await handOff(who, source.id, 'police', reason('whereabouts_unknown'));

        expect(added.status).toBe(201);
        const inbox = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
        expect(inbox).toMatchObject({ id: added.body.id, handedOffFrom: source.id });
      },
    );
  });

  it('starts fresh clocks at the handoff, at the report’s priority, not at the report’s filing', async () => {
    const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['street_child'] });
    const civil = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
    await county.setClock('2026-11-17T15:20:00+08:00');

    const added = await handOff('civil', civil.id, 'township', '需要乡镇儿童督导员入户评估帮扶。');

    expect(added.body).toMatchObject({
      priority: 'P2',
      createdAt: new Date('2026-11-17T15:20:00+08:00').toISOString(),
      signDueAt: new Date('2026-11-17T17:20:00+08:00').toISOString(),
      contactDueAt: new Date('2026-11-18T15:20:00+08:00').toISOString(),
      feedbackDueAt: null,
    });
    expect(Date.parse(added.body.resolveDueAt!)).toBeGreaterThan(Date.parse(civil.resolveDueAt!));
  });

  it('writes who, when and why on both timelines, staff-only, which the child’s file shows as they are', async () => {
    const report = await fileAt('2026-11-16T09:00:00+08:00', {
      situations: ['street_child'],
      child: { name: '转接童', birthDate: '2016-05-01' },
    });
    const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
    await county.setClock('2026-11-16T09:30:00+08:00');

    const added = await handOff('police', police.id, 'township', '孩子的奶奶（李某）需要帮扶。');

    const source = (await detail('police', police.id)).timeline.find((e) => e.kind === 'handoff');
    expect(source).toEqual({
      at: new Date('2026-11-16T09:30:00+08:00').toISOString(),
      kind: 'handoff',
      text: '转接：请乡镇（泗城镇儿童督导站）协办。原因：孩子的奶奶（李某）需要帮扶。',
      actorRole: 'handler',
      reporterVisible: false,
    });
    const target = (await detail('township', added.body.id)).timeline;
    expect(target.map((e) => e.kind).sort()).toEqual(['dispatched', 'handed_off']);
    expect(target.find((e) => e.kind === 'handed_off')).toMatchObject({
      text: '由公安（泗县公安局）转接：孩子的奶奶（李某）需要帮扶。',
      actorRole: 'handler',
      reporterVisible: false,
    });
    // The file's timeline shows both orders' lines once each, not a copy of its own.
    const fileEvents = (await db.query(
      'SELECT e.kind FROM child_file_events e JOIN reports r ON r.child_file_id = e.child_file_id WHERE r.id = ?',
      [report.id],
    )) as { kind: string }[];
    expect(fileEvents.map((e) => e.kind)).toEqual(['opened']);
    const audit = (await db.query(
      "SELECT detail FROM audit_log WHERE action = 'order.handoff' AND target_id = ?",
      [police.id],
    )) as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).not.toContain('李某');
  });

  it('sends the order to the county coordinator, unrouted, when no unit of the department covers the place', async () => {
    const report = await fileAt('2026-11-16T09:00:00+08:00', {
      situations: ['street_child'],
      location: { divisionCode: TOWN_WITHOUT_SUPERVISOR },
    });
    const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');

    const added = await handOff('police', police.id, 'township', reason('warning_issued'));

    expect(added.body).toMatchObject({ unrouted: true, unitName: '泗县联席办' });
    const source = (await detail('police', police.id)).timeline.find((e) => e.kind === 'handoff');
    expect(source?.text).toContain('请乡镇（泗县联席办待改派）协办');
  });

  describe('refusals', () => {
    it('refuses the order’s own department, a department already at work, and a returned order, changing nothing', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['dropout'] });
      const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      const education = await orderOf(sut.baseUrl, token('education'), report.id, 'education');
      const before = await ordersOfReport(report.id);

      const own = await handOff('township', township.id, 'township', '请本镇其他人员协助。');
      const open = await handOff('township', township.id, 'education', '请教育部门劝返复学。');
      await act(sut.baseUrl, token('education'), education.id, 'return', { reason: '派错了' });
      const returned = await handOff('education', education.id, 'police', '孩子去向不明。');

      expect([own.status, own.body.code]).toEqual([409, 'HANDOFF_OWN_DEPARTMENT']);
      expect([open.status, open.body.code]).toEqual([409, 'HANDOFF_ALREADY_OPEN']);
      expect(open.body.message).toBe('教育已有这份报告的工单，无需转接');
      expect([returned.status, returned.body.code]).toEqual([409, 'HANDOFF_ORDER_RETURNED']);
      expect(await ordersOfReport(report.id)).toHaveLength(before.length);
    });

    it('hands off again to a department once its order of the report is resolved', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['street_child'] });
      const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      const first = await handOff('police', police.id, 'township', reason('warning_issued'));
      await act(sut.baseUrl, token('township'), first.body.id, 'sign');
      await act(sut.baseUrl, token('township'), first.body.id, 'resolve', {
        outcome: 'home_visit_done',
        reporterSummary: '已家访并落实帮扶。',
        detail: '入户评估。',
      });

      const again = await handOff('police', police.id, 'township', '孩子又出现照护问题。');

      expect(again.status).toBe(201);
    });

    it('refuses bad input with 400 and stores nothing', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['dropout'] });
      const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      const before = await ordersOfReport(report.id);

      const answers = await Promise.all(
        [
          { department: 'village', reason: '请村里协助照看。' },
          { department: 'coordinator', reason: '请联席办协调。' },
          { department: 'civil_affairs', reason: '太短' },
          { department: 'civil_affairs', reason: '长'.repeat(501) },
          { department: 'civil_affairs' },
          { reason: '家庭需要临时救助。' },
        ].map((body) =>
          http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${township.id}/handoff`, {
            token: token('township'),
            body,
          }),
        ),
      );

      expect(answers.map((a) => [a.status, a.body.code, Object.keys(a.body.errors ?? {})])).toEqual(
        [
          [400, 'VALIDATION_FAILED', ['department']],
          [400, 'VALIDATION_FAILED', ['department']],
          [400, 'VALIDATION_FAILED', ['reason']],
          [400, 'VALIDATION_FAILED', ['reason']],
          [400, 'VALIDATION_FAILED', ['reason']],
          [400, 'VALIDATION_FAILED', ['department']],
        ],
      );
      expect(await ordersOfReport(report.id)).toHaveLength(before.length);
    });

    it('lets the county coordinator hand off; refuses an administrator on the admin queue with 403; hides other units’ orders', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['dropout'] });
      const township = await orderOf(sut.baseUrl, token('coordinator'), report.id, 'township');
      const queued = await fileAt('2026-11-16T09:00:00+08:00', {
        situations: ['dropout'],
        location: { divisionCode: '340102' },
      });
      const adminOrder = await orderOf(sut.baseUrl, token('admin'), queued.id, 'township');

      const byPolice = await handOff(
        'police',
        township.id,
        'civil_affairs',
        reason('needs_relief'),
      );
      const byAdmin = await handOff(
        'admin',
        adminOrder.id,
        'police',
        reason('whereabouts_unknown'),
      );
      const byCoordinator = await handOff(
        'coordinator',
        township.id,
        'civil_affairs',
        reason('needs_relief'),
      );

      expect(byPolice.status).toBe(404);
      expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(byCoordinator.status).toBe(201);
    });
  });

  it('reminds and escalates a handed-off order like any other', async () => {
    const report = await fileAt('2026-11-18T09:00:00+08:00', { situations: ['street_child'] });
    const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
    await county.setClock('2026-11-18T12:00:00+08:00');
    const added = await handOff('police', police.id, 'township', reason('warning_issued'));

    await county.setClock('2026-11-18T13:40:00+08:00');
    await county.sweep();
    await county.setClock('2026-11-18T14:01:00+08:00');
    await county.sweep();

    const escalated = await orderOf(sut.baseUrl, token('coordinator'), report.id, 'township');
    expect(escalated).toMatchObject({ id: added.body.id, escalationLevel: 1, overdue: ['sign'] });
    const kinds = (await detail('township', added.body.id)).timeline.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['reminder', 'overdue']));
  });

  describe('the reporter’s view', () => {
    const CIVIL_DONE = {
      outcome: 'placed_with_family',
      reporterSummary: '已委托孩子的姑姑照料。',
      detail: '签订委托照护协议。',
    };

    /** Everything the reporter sees of the report, with its own id and code taken out. */
    async function seen(report: { id: string; trackingCode: string }, reporterToken: string) {
      const own = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
        token: reporterToken,
      });
      const tracked = await http<ReporterReportView>(
        sut.baseUrl,
        'GET',
        `/track/${report.trackingCode}`,
        {},
      );
      const mine = await http<ReporterReportView[]>(sut.baseUrl, 'GET', '/reports/mine', {
        token: reporterToken,
      });
      const messages = await db.query(
        'SELECT kind, data FROM notifications WHERE report_id = ? ORDER BY created_at, kind',
        [report.id],
      );
      return JSON.stringify([own.body, tracked.body, mine.body, messages])
        .replaceAll(report.id, 'REPORT')
        .replaceAll(report.trackingCode, 'CODE')
        .replace(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]+/g, 'CODE');
    }

    /**
     * A child living on the street: civil affairs lead, police assist. Police sign and resolve
     * with a 告诫书; with `handOff` they bring in the township, which signs, writes an internal
     * note and resolves after civil affairs closed the report. Snapshots at every step.
     */
    async function story(handOff: boolean, day: string): Promise<string[]> {
      const reporter = await aReporterSession(sut.baseUrl);
      const report = await fileAt(
        `${day}T09:00:00+08:00`,
        { situations: ['street_child'] },
        reporter.token,
      );
      const subscribed = await http(sut.baseUrl, 'POST', `/reports/${report.id}/subscriptions`, {
        token: reporter.token,
        body: { kinds: ['accepted', 'progress', 'closed'] },
      });
      expect(subscribed.status).toBe(201);
      const civil = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
      const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      const snapshots = [await seen(report, reporter.token)];
      const at = async (time: string, step: () => Promise<unknown>) => {
        await county.setClock(`${day}T${time}:00+08:00`);
        await step();
        snapshots.push(await seen(report, reporter.token));
      };
      let township = '';

      await at('09:30', () => act(sut.baseUrl, token('civil'), civil.id, 'sign'));
      await at('10:00', () => act(sut.baseUrl, token('police'), police.id, 'sign'));
      await at('11:00', () => act(sut.baseUrl, token('police'), police.id, 'resolve', WARNING));
      await at('11:30', async () => {
        if (!handOff) return;
        const added = await http<OrderSummary>(
          sut.baseUrl,
          'POST',
          `/orders/${police.id}/handoff`,
          {
            token: token('police'),
            body: { department: 'township', reason: reason('warning_issued') },
          },
        );
        township = added.body.id;
      });
      await at('12:00', async () => {
        if (!handOff) return;
        await act(sut.baseUrl, token('township'), township, 'sign');
        await act(sut.baseUrl, token('township'), township, 'notes', {
          text: '已入户评估，孩子由姑姑照料。',
          reporterVisible: false,
        });
      });
      await at('14:00', () => act(sut.baseUrl, token('civil'), civil.id, 'resolve', CIVIL_DONE));
      if (handOff) {
        const reportRow = (await db.query('SELECT status FROM reports WHERE id = ?', [
          report.id,
        ])) as { status: string }[];
        expect(reportRow[0].status).toBe('closed');
        const open = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
        expect(open.status).toBe('in_progress');
      }
      await at('16:00', async () => {
        if (!handOff) return;
        await act(sut.baseUrl, token('township'), township, 'resolve', {
          outcome: 'home_visit_done',
          reporterSummary: '已家访并落实帮扶。',
          detail: '入户评估。',
        });
      });
      return snapshots;
    }

    it('is the same at every step with and without a handoff, through signing, notes, the closing and the handed-off order’s result', async () => {
      const without = await story(false, '2026-11-19');
      const withHandoff = await story(true, '2026-11-19');

      expect(withHandoff).toEqual(without);
      expect(without[without.length - 1]).toContain('已委托亲属抚养或家庭寄养');
    });

    it('leaves a handed-off order’s result out of the hotline desk’s 回访 list', async () => {
      const operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
      const report = await fileAt(
        '2026-11-20T09:00:00+08:00',
        { channel: 'hotline', situations: ['consultation'] },
        operator.token,
      );
      const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      await act(sut.baseUrl, token('township'), township.id, 'sign');
      await act(sut.baseUrl, token('township'), township.id, 'resolve', {
        outcome: 'answered',
        reporterSummary: '已电话答复来电人。',
        detail: '电话答复。',
      });
      const added = await handOff('township', township.id, 'civil_affairs', reason('needs_relief'));
      await act(sut.baseUrl, token('civil'), added.body.id, 'sign');
      await act(sut.baseUrl, token('civil'), added.body.id, 'resolve', {
        outcome: 'benefits_granted',
        reporterSummary: '已纳入临时救助。',
        detail: '办理临时救助。',
      });

      const callbacks = await http<HotlineCallback[]>(sut.baseUrl, 'GET', '/hotline/callbacks', {
        token: operator.token,
      });

      expect(callbacks.body.find((c) => c.reportId === report.id)?.outcomes).toEqual(['已答复']);
    });

    it('runs no feedback clock and refuses a note for the reporter on a handed-off order', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', { situations: ['street_child'] });
      const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      const added = await handOff('police', police.id, 'township', reason('warning_issued'));
      const signed = await act(sut.baseUrl, token('township'), added.body.id, 'sign');

      const note = await http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${added.body.id}/notes`, {
        token: token('township'),
        body: { text: '孩子情况稳定。', reporterVisible: true },
      });

      expect([note.status, Object.keys(note.body.errors ?? {})]).toEqual([
        400,
        ['reporterVisible'],
      ]);
      expect(signed.feedbackDueAt).toBeNull();
    });
  });

  describe('written handover', () => {
    const HANDOVER = {
      at: '2026-11-16T14:30:00+08:00',
      handedOverBy: '交接人甲（村委会主任）',
      receivedBy: '接收人乙（民政局工作人员）',
      placedAt: '安置地丙（县未成年人救助保护中心）',
    };

    const recordHandover = (who: Who, orderId: string, body: object) =>
      http<GuardianshipHandover & ApiErrorBody>(
        sut.baseUrl,
        'POST',
        `/orders/${orderId}/handover`,
        { token: token(who), body },
      );

    const handoverCount = async (reportId: string) =>
      (
        (await db.query('SELECT id FROM guardianship_handovers WHERE report_id = ?', [
          reportId,
        ])) as unknown[]
      ).length;

    async function aGuardianshipCase() {
      const report = await fileAt('2026-11-16T09:00:00+08:00', {
        situations: ['living_alone'],
        child: { name: '交接童', birthDate: '2015-03-02' },
      });
      const civil = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
      const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      return { report, civil, police };
    }

    it('is recorded by the civil affairs handler once signed, shown on the order to its units and sealed at rest', async () => {
      const { report, civil, police } = await aGuardianshipCase();
      await county.setClock('2026-11-16T10:00:00+08:00');
      const unsigned = await recordHandover('civil', civil.id, HANDOVER);
      await act(sut.baseUrl, token('civil'), civil.id, 'sign');
      await county.setClock('2026-11-16T15:00:00+08:00');

      const recorded = await recordHandover('civil', civil.id, HANDOVER);

      expect([unsigned.status, unsigned.body.code]).toEqual([409, 'SIGN_FIRST']);
      expect(recorded.status).toBe(201);
      expect(recorded.body).toEqual({
        id: expect.any(String),
        orderId: civil.id,
        at: new Date(HANDOVER.at).toISOString(),
        handedOverBy: HANDOVER.handedOverBy,
        receivedBy: HANDOVER.receivedBy,
        placedAt: HANDOVER.placedAt,
        unitName: '泗县民政局',
        recordedAt: new Date('2026-11-16T15:00:00+08:00').toISOString(),
      });
      for (const [who, orderId] of [
        ['civil', civil.id],
        ['police', police.id],
        ['coordinator', civil.id],
      ] as const) {
        expect((await detail(who, orderId)).handovers).toEqual([recorded.body]);
      }
      const event = (await detail('civil', civil.id)).timeline.find((e) => e.kind === 'handover');
      expect(event).toMatchObject({
        text: '已记录临时监护书面交接（交接时间 11月16日 14:30）。',
        reporterVisible: false,
      });
      // On the file, the civil affairs order's line stands for it; the file keeps no copy.
      const fileEvents = (await db.query(
        'SELECT e.kind FROM child_file_events e JOIN reports r ON r.child_file_id = e.child_file_id WHERE r.id = ?',
        [report.id],
      )) as { kind: string }[];
      expect(fileEvents.map((e) => e.kind)).not.toContain('handover');
      const raw = JSON.stringify(
        await db.query('SELECT * FROM guardianship_handovers WHERE report_id = ?', [report.id]),
      );
      const audit = JSON.stringify(
        await db.query("SELECT detail FROM audit_log WHERE action = 'order.handover'"),
      );
      for (const value of [HANDOVER.handedOverBy, HANDOVER.receivedBy, HANDOVER.placedAt]) {
        expect(raw).not.toContain(value);
        expect(audit).not.toContain(value);
      }
    });

    it('refuses other departments’ orders, the coordinator, other units and a returned order', async () => {
      const { report, civil, police } = await aGuardianshipCase();
      await act(sut.baseUrl, token('police'), police.id, 'sign');

      const onPolice = await recordHandover('police', police.id, HANDOVER);
      const byCoordinator = await recordHandover('coordinator', civil.id, HANDOVER);
      const byTownship = await recordHandover('township', civil.id, HANDOVER);
      const byAdmin = await recordHandover('admin', civil.id, HANDOVER);
      await act(sut.baseUrl, token('civil'), civil.id, 'return', { reason: '不属于本单位' });
      const returned = await recordHandover('civil', civil.id, HANDOVER);

      expect([onPolice.status, onPolice.body.code]).toEqual([409, 'HANDOVER_NOT_CIVIL_AFFAIRS']);
      expect([byCoordinator.status, byCoordinator.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(byCoordinator.body.message).toContain('民政部门办理人员记录');
      expect(byTownship.status).toBe(404);
      expect(byAdmin.status).toBe(403);
      expect([returned.status, returned.body.code]).toEqual([409, 'WRONG_STATE']);
      expect(await handoverCount(report.id)).toBe(0);
    });

    it('takes a handover written to the minute the danger was found, not a minute before', async () => {
      const report = await fileAt('2026-11-16T09:00:00+08:00', {
        situations: ['living_alone'],
        discoveredAt: '2026-11-16T08:20:40+08:00',
      });
      const civil = await orderOf(sut.baseUrl, token('civil'), report.id, 'civil_affairs');
      await act(sut.baseUrl, token('civil'), civil.id, 'sign');

      const before = await recordHandover('civil', civil.id, {
        ...HANDOVER,
        at: '2026-11-16T08:19:00+08:00',
      });
      const sameMinute = await recordHandover('civil', civil.id, {
        ...HANDOVER,
        at: '2026-11-16T08:20:00+08:00',
      });

      expect([before.status, Object.keys(before.body.errors ?? {})]).toEqual([400, ['at']]);
      expect(sameMinute.status).toBe(201);
      expect(await handoverCount(report.id)).toBe(1);
    });

    it('refuses every field that is missing or invalid, storing nothing', async () => {
      const { report, civil } = await aGuardianshipCase();
      await act(sut.baseUrl, token('civil'), civil.id, 'sign');
      await county.setClock('2026-11-16T15:00:00+08:00');
      const without = (field: string) =>
        Object.fromEntries(Object.entries(HANDOVER).filter(([k]) => k !== field));
      const cases: [string, object][] = [
        ['at', without('at')],
        ['at', { ...HANDOVER, at: '2026-11-16 14:30' }],
        ['at', { ...HANDOVER, at: '2026-11-16T15:30:00+08:00' }],
        ['at', { ...HANDOVER, at: '2026-11-16T07:00:00+08:00' }],
        ['at', { ...HANDOVER, at: 1763274600000 }],
      ];
      for (const [field, max] of [
        ['handedOverBy', 50],
        ['receivedBy', 50],
        ['placedAt', 100],
      ] as const) {
        cases.push([field, without(field)]);
        cases.push([field, { ...HANDOVER, [field]: '   ' }]);
        cases.push([field, { ...HANDOVER, [field]: '人'.repeat(max + 1) }]);
        cases.push([field, { ...HANDOVER, [field]: 7 }]);
      }

      for (const [field, body] of cases) {
        const answer = await recordHandover('civil', civil.id, body);
        expect([field, answer.status, Object.keys(answer.body.errors ?? {})]).toEqual([
          field,
          400,
          [field],
        ]);
      }
      expect(await handoverCount(report.id)).toBe(0);
    });
  });
});
