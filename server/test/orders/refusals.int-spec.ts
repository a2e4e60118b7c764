import {
  RATING_REFUSAL_CODES,
  REFUSAL_CODES,
  ratingRefusalMessage,
  refusalMessage,
  type ApiErrorBody,
  type RatingRefusalCode,
  type RefusalCode,
} from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { DataSource } from 'typeorm';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { http, type HttpResponse } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** 东城区 (北京): no unit of the test county covers it, so its orders wait in the admin queue. */
const UNCOVERED_COUNTY = '110101';

/**
 * Every refusal the server can give for an action on an order or a rating: the answer is 409 with
 * the refusal's own stable code for clients, and a Chinese message saying what to do for people —
 * never a code in the text (issue 10 §6).
 */
describe('refused actions: a stable code for the app, words for people', () => {
  let sut: TestApp;
  let county: County;
  let start: number;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    start = Date.parse('2026-11-16T09:00:00+08:00');
    await county.setClock(new Date(start));
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;
  const file = (overrides: Parameters<typeof submitReport>[2]) =>
    submitReport(sut.baseUrl, token('reporter'), {
      discoveredAt: new Date(start - 3600_000).toISOString(),
      location: { divisionCode: TOWN },
      child: {},
      ...overrides,
    });
  const post = (who: string, path: string, body?: unknown) =>
    http<ApiErrorBody>(sut.baseUrl, 'POST', path, { token: who, body });

  async function aTownshipOrder() {
    const report = await file({ situations: ['consultation'] });
    return { report, order: await orderOf(sut.baseUrl, token('township'), report.id, 'township') };
  }

  async function aPoliceP1Order() {
    const report = await file({ situations: ['violence_abuse'] });
    return orderOf(sut.baseUrl, token('police'), report.id, 'police');
  }

  async function aClosedReport() {
    const { report, order } = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), order.id, 'sign');
    await act(sut.baseUrl, token('township'), order.id, 'resolve', {
      outcome: 'answered',
      reporterSummary: '已电话答复报告人。',
      detail: '政策咨询，已答复。',
    });
    return report;
  }

  /** Brings about the refusal and returns the refused answer. */
  const orderRefusals: Record<RefusalCode, () => Promise<HttpResponse<ApiErrorBody>>> = {
    SIGN_FIRST: async () => {
      const { order } = await aTownshipOrder();
      return post(token('township'), `/orders/${order.id}/resolve`, {
        outcome: 'answered',
        reporterSummary: '已电话答复报告人。',
        detail: '政策咨询，已答复。',
      });
    },
    WRONG_STATE: async () => {
      const { order } = await aTownshipOrder();
      await act(sut.baseUrl, token('township'), order.id, 'sign');
      return post(token('township'), `/orders/${order.id}/sign`);
    },
    NOT_YOUR_ROLE: async () => {
      // A handler whose openid was later added to ADMIN_OPENIDS (no invitation makes an admin a
      // handler) acts on the admin queue as its administrator, who only routes: no signing.
      const report = await file({
        situations: ['consultation'],
        location: { divisionCode: UNCOVERED_COUNTY },
      });
      const admin = county.sessions.admin;
      await sut.app
        .get(DataSource)
        .query(`UPDATE users SET unit_id = ?, unit_role = 'handler' WHERE id = ?`, [
          county.units.education.id,
          admin.user.id,
        ]);
      const order = await orderOf(sut.baseUrl, admin.token, report.id, 'township');
      return post(admin.token, `/orders/${order.id}/sign`);
    },
    ALREADY_CONTACTED: async () => {
      const { order } = await aTownshipOrder();
      await act(sut.baseUrl, token('township'), order.id, 'sign');
      await act(sut.baseUrl, token('township'), order.id, 'contact', {});
      return post(token('township'), `/orders/${order.id}/contact`, {});
    },
    RETURN_WINDOW_CLOSED: async () => {
      const order = await aPoliceP1Order();
      await county.setClock(new Date(start + 31 * 60_000));
      try {
        return await post(token('police'), `/orders/${order.id}/return`, {
          reason: '不属于本单位管辖',
        });
      } finally {
        await county.setClock(new Date(start));
      }
    },
    SAME_PRIORITY: async () => {
      const { order } = await aTownshipOrder();
      return post(token('township'), `/orders/${order.id}/priority`, {
        priority: order.priority,
        reason: '核实后维持',
      });
    },
    LOWER_P1_NEEDS_COORDINATOR: async () => {
      const order = await aPoliceP1Order();
      return post(token('police'), `/orders/${order.id}/priority`, {
        priority: 'P3',
        reason: '孩子已安全',
      });
    },
    EXTENSION_PENDING: async () => {
      const { order } = await aTownshipOrder();
      await act(sut.baseUrl, token('township'), order.id, 'sign');
      await act(sut.baseUrl, token('township'), order.id, 'extension', {
        workingDays: 2,
        reason: '需要联系学校',
      });
      return post(token('township'), `/orders/${order.id}/extension`, {
        workingDays: 1,
        reason: '再延一天',
      });
    },
    NO_EXTENSION_PENDING: async () => {
      const { order } = await aTownshipOrder();
      await act(sut.baseUrl, token('township'), order.id, 'sign');
      return post(token('coordinator'), `/orders/${order.id}/extension/decision`, {
        approve: true,
      });
    },
    EXTENSION_LIMIT: async () => {
      const order = await aPoliceP1Order();
      await act(sut.baseUrl, token('police'), order.id, 'sign');
      for (const reason of ['需要调取监控', '需要鉴定伤情']) {
        await act(sut.baseUrl, token('police'), order.id, 'extension', { reason });
        await act(sut.baseUrl, token('coordinator'), order.id, 'extension/decision', {
          approve: true,
        });
      }
      return post(token('police'), `/orders/${order.id}/extension`, { reason: '还需要时间' });
    },
    EXTENSION_NO_LONGER_OFFERED: async () => {
      // A child living alone: the police assist at P2 and may ask for working days; raised to P1,
      // a police order may only climb the 立案审查 ladder, so the days asked for can no longer be granted.
      const report = await file({ situations: ['living_alone'] });
      const order = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
      await act(sut.baseUrl, token('police'), order.id, 'sign');
      await act(sut.baseUrl, token('police'), order.id, 'extension', {
        workingDays: 3,
        reason: '需要走访亲属',
      });
      await act(sut.baseUrl, token('coordinator'), order.id, 'priority', {
        priority: 'P1',
        reason: '核实后孩子处境危险',
      });
      return post(token('coordinator'), `/orders/${order.id}/extension/decision`, {
        approve: true,
      });
    },
  };

  const ratingRefusals: Record<RatingRefusalCode, () => Promise<HttpResponse<ApiErrorBody>>> = {
    REPORT_NOT_CLOSED: async () => {
      const { report } = await aTownshipOrder();
      return post(token('reporter'), `/reports/${report.id}/rating`, { score: 4 });
    },
    ALREADY_RATED: async () => {
      const report = await aClosedReport();
      await post(token('reporter'), `/reports/${report.id}/rating`, { score: 4 });
      return post(token('reporter'), `/reports/${report.id}/rating`, { score: 5 });
    },
    HOTLINE_USE_CALLBACK: async () => {
      const operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
      const report = await submitReport(sut.baseUrl, operator.token, {
        channel: 'hotline',
        discoveredAt: new Date(start - 3600_000).toISOString(),
        situations: ['consultation'],
        location: { divisionCode: TOWN },
        child: {},
      });
      const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      await act(sut.baseUrl, token('township'), order.id, 'sign');
      await act(sut.baseUrl, token('township'), order.id, 'resolve', {
        outcome: 'answered',
        reporterSummary: '已电话答复来电人。',
        detail: '政策咨询，已答复。',
      });
      return post(operator.token, `/reports/${report.id}/rating`, { score: 1 });
    },
    RATING_WINDOW_CLOSED: async () => {
      const report = await aClosedReport();
      await county.setClock(new Date(start + 31 * 24 * 3600_000));
      try {
        return await post(token('reporter'), `/reports/${report.id}/rating`, { score: 4 });
      } finally {
        await county.setClock(new Date(start));
      }
    },
  };

  it('has a way to bring about every refusal the contract names', () => {
    expect(Object.keys(orderRefusals).sort()).toEqual([...REFUSAL_CODES].sort());
    expect(Object.keys(ratingRefusals).sort()).toEqual([...RATING_REFUSAL_CODES].sort());
  });

  it.each(REFUSAL_CODES)('refuses an order action with %s', async (code) => {
    const refused = await orderRefusals[code]();

    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code,
      message: refusalMessage(code),
      requestId: refused.headers.get('x-request-id'),
    });
  });

  it.each(RATING_REFUSAL_CODES)('refuses a rating with %s', async (code) => {
    const refused = await ratingRefusals[code]();

    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code,
      message: ratingRefusalMessage(code),
      requestId: refused.headers.get('x-request-id'),
    });
  });
});
