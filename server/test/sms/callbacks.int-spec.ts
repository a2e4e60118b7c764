import {
  callbackRefusalMessage,
  type ApiErrorBody,
  type AuthResponse,
  type HotlineCallback,
  type OrderSummary,
  type Page,
  type ReportCreatedResponse,
} from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { signAndResolve, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('回访: the hotline desk calls back the callers of closed hotline reports', () => {
  let sut: TestApp;
  let county: County;
  let operator: AuthResponse;

  beforeEach(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
  });
  afterEach(() => sut.close());

  const call = (name: string, phone: string, token = operator.token) =>
    submitReport(sut.baseUrl, token, {
      channel: 'hotline',
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      child: {},
      reporter: { name, phone },
    });

  async function close(report: ReportCreatedResponse): Promise<string> {
    const township = await signAndResolve(
      sut.baseUrl,
      county.sessions.township.token,
      report.id,
      'township',
      {
        outcome: 'returned_to_school',
        reporterSummary: '孩子已回到学校上课。',
        detail: '与家长面谈两次。',
      },
    );
    await signAndResolve(sut.baseUrl, county.sessions.education.token, report.id, 'education', {
      outcome: 'answered',
      reporterSummary: '已答复来电人。',
      detail: '电话联系学校。',
    });
    return township.id;
  }

  const list = (token = operator.token) =>
    http<HotlineCallback[]>(sut.baseUrl, 'GET', '/hotline/callbacks', { token });
  const record = (reportId: string, body: unknown) =>
    http<HotlineCallback[] & ApiErrorBody>(sut.baseUrl, 'POST', `/reports/${reportId}/callback`, {
      token: operator.token,
      body,
    });
  const lowRatingQueue = async () =>
    (
      await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?queue=low_rating', {
        token: county.sessions.coordinator.token,
      })
    ).body.items.map((o) => o.id);

  it('lists closed reports oldest first with the caller and the outcomes, until the caller is reached', async () => {
    const first = await call('张女士', '13912345678');
    const second = await call('李先生', '13800001111');
    const open = await call('赵女士', '13700002222');
    await county.setClock(new Date(Date.now() + 60_000));
    await close(first);
    await county.setClock(new Date(Date.now() + 120_000));
    await close(second);

    const due = await list();
    expect(due.status).toBe(200);
    expect(due.body).toEqual([
      {
        reportId: first.id,
        trackingCode: first.trackingCode,
        closedAt: expect.any(String),
        callerName: '张女士',
        callerPhone: '13912345678',
        outcomes: ['已劝返复学', '已答复'],
        unreachedCalls: 0,
      },
      expect.objectContaining({ reportId: second.id, callerName: '李先生' }),
    ]);
    expect(due.body.map((c) => c.reportId)).not.toContain(open.id);
    const other = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    expect((await list(other.token)).body).toEqual([]);

    const unreached = await record(first.id, { reached: false, comment: '无人接听' });
    expect(unreached.status).toBe(201);
    expect(unreached.body.find((c) => c.reportId === first.id)?.unreachedCalls).toBe(1);
    const reached = await record(first.id, { reached: true, score: 4 });
    expect(reached.body.map((c) => c.reportId)).toEqual([second.id]);
  });

  it('puts a caller’s low satisfaction on the coordinator’s review list, and not a high one', async () => {
    const unhappy = await call('张女士', '13912345678');
    const happy = await call('李先生', '13800001111');
    const unhappyLead = await close(unhappy);
    const happyLead = await close(happy);
    expect(await lowRatingQueue()).toEqual([]);

    await record(unhappy.id, { reached: true, score: 2, comment: '孩子还是没去上学' });
    await record(happy.id, { reached: true, score: 5 });

    expect(await lowRatingQueue()).toEqual([unhappyLead]);
    expect(await lowRatingQueue()).not.toContain(happyLead);
  });

  it('refuses a call on an open report, a second reached call, a score without a caller, and another operator’s report', async () => {
    const report = await call('张女士', '13912345678');

    const early = await record(report.id, { reached: true, score: 3 });
    expect(early.status).toBe(409);
    expect(early.body).toEqual({
      code: 'CALLBACK_REPORT_NOT_CLOSED',
      message: callbackRefusalMessage('CALLBACK_REPORT_NOT_CLOSED'),
      requestId: expect.any(String),
    });

    await close(report);
    expect((await record(report.id, { reached: true })).body.errors).toHaveProperty('score');
    expect((await record(report.id, { reached: false, score: 3 })).status).toBe(400);
    expect((await record(report.id, { reached: true, score: 6 })).status).toBe(400);
    expect((await record(report.id, { reached: true, score: 3 })).status).toBe(201);
    const again = await record(report.id, { reached: true, score: 3 });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 'ALREADY_CALLED_BACK',
      message: callbackRefusalMessage('ALREADY_CALLED_BACK'),
      requestId: expect.any(String),
    });

    const other = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    const notTheirs = await http(sut.baseUrl, 'POST', `/reports/${report.id}/callback`, {
      token: other.token,
      body: { reached: false },
    });
    expect(notTheirs.status).toBe(404);
  });

  it('has nobody to call back on an anonymous call, so records nothing and queues nothing', async () => {
    const anonymous = await submitReport(sut.baseUrl, operator.token, {
      channel: 'hotline',
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      child: {},
      reporter: { anonymous: true, confidential: false, name: undefined, phone: undefined },
    });
    await close(anonymous);

    const due = await list();
    const scored = await record(anonymous.id, { reached: true, score: 1 });

    expect(due.body.map((c) => c.reportId)).not.toContain(anonymous.id);
    expect(scored.status).toBe(404);
    expect(await lowRatingQueue()).toEqual([]);
  });
});
