import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import {
  API_PREFIX,
  DEMO_LOGINS,
  idNumberCheckCharacter,
  type AuthResponse,
  type CreateReportRequest,
  type ReporterReportView,
} from '@shouhu/shared';
import { demoReports } from '../../src/demo/demo-data';
import { aPhoto, upload } from '../factories/media.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReport } from '../factories/report.factory';
import {
  aReporterSession,
  aSessionWith,
  anAdminSession,
  devLogin,
} from '../factories/session.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  ROLE_NAMES,
  aWorld,
  sessionsFor,
  type World,
} from '../factories/world.factory';
import { writeCalls } from '../factories/write-call.factory';
import { http, type HttpResponse } from '../setup/http';
import { LogCapture, type LogLine } from '../setup/log-capture';
import { routeTable } from '../setup/route-table';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

/** Everything a request's line may hold (README, Logs): pino's own fields and ours, nothing else. */
const REQUEST_LINE_FIELDS = [
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'requestId',
  'method',
  'route',
  'status',
  'durationMs',
  'userId',
  'code',
  'err',
];

/** The names of the secrets found in `written`, as written or as a URL carries them. */
function leaksIn(written: string, secrets: Record<string, string | undefined>): string[] {
  return Object.entries(secrets)
    .filter(
      ([, value]) =>
        value !== undefined &&
        (written.includes(value) || written.includes(encodeURIComponent(value))),
    )
    .map(([name]) => name);
}

/** What a report says of the child and the reporter, and where. */
function personalDetailsOf(report: CreateReportRequest): string[] {
  const { child, reporter } = report;
  const reporterDetails = reporter.anonymous ? [] : [reporter.name, reporter.phone];
  return [
    report.description,
    report.location.address,
    child.name,
    child.idNumber,
    child.school,
    child.guardianName,
    child.guardianPhone,
    ...reporterDetails,
  ].filter((detail): detail is string => detail !== undefined);
}

/** Body fields that open an account: an openid, a WeChat login code, an invitation code. */
const CREDENTIAL_FIELDS = ['openid', 'code'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DEADLINE_SECONDS = 5;

interface Answer {
  status: number;
  /** The X-Request-Id header. */
  requestId: string | null;
  body: { code?: string; requestId?: string; user?: { id: string } } | undefined;
}

const answerOf = (response: HttpResponse<unknown>): Answer => ({
  status: response.status,
  requestId: response.headers.get('x-request-id'),
  body: response.body as Answer['body'],
});

/**
 * Bytes sent as they are over a socket of their own; the answer as the server wrote it when it
 * closed the connection. The client gives up after `giveUpMs`.
 */
function raw(port: number, request: string, giveUpMs = 2000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const giveUp = setTimeout(() => socket.end(), giveUpMs);
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(giveUp);
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({
        status: Number(head.split(' ')[1]),
        requestId: head.match(/\r\nX-Request-Id: ([^\r]*)/i)?.[1] ?? null,
        body: JSON.parse(rest.join('\r\n\r\n')) as Answer['body'],
      });
    });
  });
}

describe('request logs', () => {
  const logs = new LogCapture();
  let sut: TestApp;
  let port: number;
  let wechat: WechatStandIn;
  let world: World;
  let reporter: AuthResponse;
  let handler: AuthResponse;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({
      logs,
      env: {
        ...wechat.env,
        // Every line the server can write, the chatter of Nest and of idle jobs included.
        LOG_LEVEL: 'trace',
        SIMULATED_CLOCK: 'true',
        BODY_TIMEOUT_SECONDS: String(DEADLINE_SECONDS),
        WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
        WECHAT_TEMPLATE_NEW_ORDER: 'NewOrderTemplate_0123456789abcdefghijklmnopq',
      },
    });
    port = Number(new URL(sut.baseUrl).port);
    world = await aWorld(sut.baseUrl);
    reporter = await aReporterSession(sut.baseUrl);
    handler = await aSessionWith(sut.baseUrl, {
      role: 'handler',
      unitId: world.units.homeTownship.id,
    });
  }, 60_000);

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  describe('one line per request', () => {
    type Case = [
      what: string,
      send: () => Promise<Answer>,
      expected: {
        method: string | null;
        route: string | null;
        userId: (answer: Answer) => string | null;
      },
    ];
    const loggedIn = (answer: Answer) => answer.body?.user?.id ?? 'no user in the answer';
    const cases: Case[] = [
      [
        'a development login, by the user it logged in',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/auth/dev', {
              body: { openid: `log-${randomUUID()}` },
            }),
          ),
        { method: 'POST', route: '/api/v1/auth/dev', userId: loggedIn },
      ],
      [
        'a WeChat login, by the user it logged in',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/auth/wechat', {
              body: { code: `ok:log-${randomUUID()}` },
            }),
          ),
        { method: 'POST', route: '/api/v1/auth/wechat', userId: loggedIn },
      ],
      [
        'a login refused',
        async () =>
          answerOf(await http(sut.baseUrl, 'POST', '/auth/wechat', { body: { code: 'invalid' } })),
        { method: 'POST', route: '/api/v1/auth/wechat', userId: () => null },
      ],
      [
        'a report filed',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/reports', {
              token: reporter.token,
              body: aReport(),
              headers: { 'idempotency-key': randomUUID() },
            }),
          ),
        { method: 'POST', route: '/api/v1/reports', userId: () => reporter.user.id },
      ],
      [
        'a report read by its id',
        async () => {
          const report = await submitReport(sut.baseUrl, reporter.token);
          return answerOf(
            await http(sut.baseUrl, 'GET', `/reports/${report.id}`, { token: reporter.token }),
          );
        },
        { method: 'GET', route: '/api/v1/reports/:id', userId: () => reporter.user.id },
      ],
      [
        'an order read by its handler',
        async () => {
          const report = await submitReport(sut.baseUrl, reporter.token, {
            location: { divisionCode: HOME_TOWN },
          });
          const order = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
          return answerOf(
            await http(sut.baseUrl, 'GET', `/orders/${order.id}`, { token: handler.token }),
          );
        },
        { method: 'GET', route: '/api/v1/orders/:id', userId: () => handler.user.id },
      ],
      [
        'an upload',
        async () => {
          const form = new FormData();
          form.append('file', new Blob([await aPhoto({ format: 'png' })]), 'photo.png');
          return answerOf(
            await http(sut.baseUrl, 'POST', '/uploads', { token: reporter.token, form }),
          );
        },
        { method: 'POST', route: '/api/v1/uploads', userId: () => reporter.user.id },
      ],
      [
        'a record that is not there',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'GET', `/reports/${randomUUID()}`, { token: reporter.token }),
          ),
        { method: 'GET', route: '/api/v1/reports/:id', userId: () => reporter.user.id },
      ],
      [
        'a role refused',
        async () =>
          answerOf(await http(sut.baseUrl, 'GET', '/admin/units', { token: reporter.token })),
        { method: 'GET', route: '/api/v1/admin/units', userId: () => reporter.user.id },
      ],
      [
        'no login',
        async () => answerOf(await http(sut.baseUrl, 'GET', '/reports/mine')),
        { method: 'GET', route: '/api/v1/reports/mine', userId: () => null },
      ],
      [
        'a forged token',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'GET', '/reports/mine', { token: `${reporter.token}x` }),
          ),
        { method: 'GET', route: '/api/v1/reports/mine', userId: () => null },
      ],
      [
        'a route that does not exist',
        async () => answerOf(await http(sut.baseUrl, 'GET', '/no-such-route')),
        { method: 'GET', route: null, userId: () => null },
      ],
      [
        'a malformed URL the router refuses',
        async () => answerOf(await http(sut.baseUrl, 'GET', '/track/%ZZ')),
        { method: 'GET', route: null, userId: () => null },
      ],
      [
        'broken JSON, refused before the access guard, by the user of its token',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/reports', { token: reporter.token, rawBody: '{x' }),
          ),
        { method: 'POST', route: '/api/v1/reports', userId: () => reporter.user.id },
      ],
      [
        'a body of another type (415), refused before the access guard, by the user of its token',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/reports', {
              token: handler.token,
              rawBody: 'description=x',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            }),
          ),
        { method: 'POST', route: '/api/v1/reports', userId: () => handler.user.id },
      ],
      [
        'broken JSON with a forged token',
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/reports', {
              token: `${reporter.token}x`,
              rawBody: '{x',
            }),
          ),
        { method: 'POST', route: '/api/v1/reports', userId: () => null },
      ],
      [
        'a request Node cannot read, by the method it opens with',
        () => raw(port, 'GET /api v1/x HTTP/1.1\r\n\r\n'),
        { method: 'GET', route: null, userId: () => null },
      ],
      [
        'a request whose method Node does not know',
        () => raw(port, 'FETCH /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'),
        { method: null, route: null, userId: () => null },
      ],
      [
        'headers over the limit (431)',
        () =>
          raw(
            port,
            `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
          ),
        { method: 'GET', route: null, userId: () => null },
      ],
    ];

    it.each(cases)(
      'writes one line for %s: its id, method, route pattern, status, time and caller',
      async (_what, send, expected) => {
        const answer = await send();
        const lines = await logs.linesOf(answer.requestId ?? 'no X-Request-Id header');

        expect(answer.requestId).toMatch(UUID);
        expect(lines).toEqual([
          expect.objectContaining({
            msg: 'request',
            level: 'info',
            requestId: answer.requestId,
            method: expected.method,
            route: expected.route,
            status: answer.status,
            durationMs: expect.any(Number),
            userId: expected.userId(answer),
          }),
        ]);
        expect(lines[0].code).toBe(answer.body?.code);
        expect(Object.keys(lines[0]).filter((key) => !REQUEST_LINE_FIELDS.includes(key))).toEqual(
          [],
        );
      },
    );

    it('logs a background job by its name, without a route or a request', async () => {
      const admin = await anAdminSession(sut.baseUrl);
      const sweep = await http(sut.baseUrl, 'POST', '/admin/sla/sweep', { token: admin.token });
      const jobLines = () =>
        logs.lines().filter((line) => line.job === 'sla-sweep' && line.msg === 'job');

      expect(sweep.status).toBe(200);
      expect(jobLines()).toContainEqual(
        expect.objectContaining({
          result: {
            orders: expect.any(Number),
            events: expect.any(Number),
            visits: {
              planned: expect.any(Number),
              dues: expect.any(Number),
              events: expect.any(Number),
            },
          },
          durationMs: expect.any(Number),
        }),
      );
      expect(jobLines().filter((line) => 'route' in line || 'requestId' in line)).toEqual([]);
    });
  });

  describe('the request id', () => {
    /** An order signed once, so signing it again is refused (409). */
    async function aSignedOrder(): Promise<string> {
      const report = await submitReport(sut.baseUrl, reporter.token, {
        location: { divisionCode: HOME_TOWN },
      });
      const order = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
      await act(sut.baseUrl, handler.token, order.id, 'sign');
      return order.id;
    }

    const errors: [string, number, () => Promise<Answer>][] = [
      [
        'a refused field',
        400,
        async () =>
          answerOf(await http(sut.baseUrl, 'POST', '/auth/dev', { body: { openid: '' } })),
      ],
      ['no login', 401, async () => answerOf(await http(sut.baseUrl, 'GET', '/reports/mine'))],
      [
        'a role refused',
        403,
        async () =>
          answerOf(await http(sut.baseUrl, 'GET', '/admin/units', { token: reporter.token })),
      ],
      [
        'a record not there',
        404,
        async () =>
          answerOf(
            await http(sut.baseUrl, 'GET', `/reports/${randomUUID()}`, { token: reporter.token }),
          ),
      ],
      ['a route not there', 404, async () => answerOf(await http(sut.baseUrl, 'GET', '/nowhere'))],
      [
        'an action the order’s state refuses',
        409,
        async () => {
          const id = await aSignedOrder();
          return answerOf(
            await http(sut.baseUrl, 'POST', `/orders/${id}/sign`, { token: handler.token }),
          );
        },
      ],
      [
        'a body over the limit',
        413,
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/auth/dev', {
              rawBody: JSON.stringify({ openid: 'x'.repeat(400 * 1024) }),
            }),
          ),
      ],
      [
        'a body that is not JSON',
        415,
        async () =>
          answerOf(
            await http(sut.baseUrl, 'POST', '/auth/dev', {
              rawBody: 'openid=x',
              headers: { 'content-type': 'text/plain' },
            }),
          ),
      ],
      [
        'broken JSON',
        400,
        async () => answerOf(await http(sut.baseUrl, 'POST', '/auth/dev', { rawBody: '{"a' })),
      ],
      ['a malformed URL', 400, async () => answerOf(await http(sut.baseUrl, 'GET', '/track/%ZZ'))],
      [
        'a request line Node cannot read',
        400,
        () => raw(port, 'FETCH /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n'),
      ],
      [
        'headers over the limit',
        431,
        () =>
          raw(
            port,
            `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
          ),
      ],
      [
        'a body that never arrives',
        408,
        () =>
          raw(
            port,
            'POST /api/v1/auth/dev HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
              'Content-Length: 100\r\n\r\n{',
            (DEADLINE_SECONDS + 2) * 1000,
          ),
      ],
    ];

    it.each(errors)(
      'answers %s (%i) with the id of its X-Request-Id header and of its one log line',
      async (_what, status, send) => {
        const answer = await send();
        const lines = await logs.linesOf(answer.requestId ?? 'no X-Request-Id header');

        expect(answer.status).toBe(status);
        expect(answer.requestId).toMatch(UUID);
        expect(answer.body?.requestId).toBe(answer.requestId);
        expect(lines).toEqual([
          expect.objectContaining({ requestId: answer.requestId, status, code: answer.body?.code }),
        ]);
      },
      (DEADLINE_SECONDS + 10) * 1000,
    );

    it.each([
      ['too short', 'abc1234'],
      ['too long', 'a'.repeat(65)],
      ['with spaces', 'id with spaces'],
      ['a path', '../../etc/passwd'],
      ['markup', '<script>alert(1)</script>'],
      ['JSON', '{"level":"fatal","msg":"forged"}'],
      ['SQL', "x'; DROP TABLE users; --"],
      ['an escaped line break', 'abc%0d%0a{"forged":1}'],
    ])(
      'replaces an incoming X-Request-Id that is %s with one of its own',
      async (_what, hostile) => {
        const answer = answerOf(
          await http(sut.baseUrl, 'GET', '/nowhere', { headers: { 'x-request-id': hostile } }),
        );
        const lines = await logs.linesOf(answer.requestId ?? 'no X-Request-Id header');

        expect(answer.requestId).toMatch(UUID);
        expect(answer.body?.requestId).toBe(answer.requestId);
        expect(lines).toHaveLength(1);
        expect(logs.written()).not.toContain(hostile);
      },
    );

    it.each([
      ['not ASCII', 'X-Request-Id: 张三的身份证号码\r\n'],
      ['sent twice', 'X-Request-Id: first-request-id\r\nX-Request-Id: second-request-id\r\n'],
    ])('replaces an incoming X-Request-Id %s', async (_what, header) => {
      const answer = await raw(
        port,
        `GET /api/v1/nowhere HTTP/1.1\r\nHost: x\r\n${header}Connection: close\r\n\r\n`,
      );

      expect(answer.requestId).toMatch(UUID);
      expect(answer.body?.requestId).toBe(answer.requestId);
      expect(await logs.linesOf(answer.requestId ?? '')).toHaveLength(1);
    });

    it.each([
      ['eight characters', 'abcd-123'],
      ['a UUID', randomUUID()],
      ['64 characters', `trace_${'A1'.repeat(29)}`],
    ])(
      'keeps an incoming X-Request-Id of %s, in the header, the body and the line',
      async (_, id) => {
        const answer = answerOf(
          await http(sut.baseUrl, 'GET', '/nowhere', { headers: { 'x-request-id': id } }),
        );

        expect(answer.requestId).toBe(id);
        expect(answer.body?.requestId).toBe(id);
        expect(await logs.linesOf(id)).toEqual([expect.objectContaining({ status: 404 })]);
      },
    );
  });

  it('writes no personal data, token, tracking code or query string, whatever the route', async () => {
    const sessions = await sessionsFor(sut.baseUrl, world);
    const first17 = `${HOME_COUNTY}20140305${String(Date.now() % 1000).padStart(3, '0')}`;
    const canary = {
      childName: '哨童甲乙',
      idNumber: `${first17}${idNumberCheckCharacter(first17)}`,
      school: '哨校丙丁小学',
      guardianName: '哨监戊己',
      guardianPhone: '13910000077',
      address: '哨址庚辛路7号',
      reporterName: '哨报壬癸',
      reporterPhone: '13920000088',
      description: '哨述：孩子被锁在哨屋里三天，没有吃的。',
      fileName: '哨照片.png',
    };
    const photo = await upload(
      sut.baseUrl,
      reporter.token,
      await aPhoto({ format: 'png' }),
      canary.fileName,
    );
    const report = await submitReport(sut.baseUrl, reporter.token, {
      description: canary.description,
      location: { divisionCode: HOME_TOWN, address: canary.address },
      child: {
        name: canary.childName,
        gender: 'female',
        idNumber: canary.idNumber,
        school: canary.school,
        guardianName: canary.guardianName,
        guardianPhone: canary.guardianPhone,
      },
      reporter: {
        anonymous: false,
        confidential: false,
        name: canary.reporterName,
        phone: canary.reporterPhone,
      },
      attachments: [photo.body.uploadId],
    });
    const wechatOpenid = `canary-wechat-${randomUUID()}`;
    const logins = {
      openid: `canary-openid-${randomUUID()}`,
      'WeChat openid': wechatOpenid,
      // The WeChat stand-in answers this code with that openid.
      'WeChat login code': `ok:${wechatOpenid}`,
    };
    await http(sut.baseUrl, 'POST', '/auth/dev', { body: { openid: logins.openid } });
    await http(sut.baseUrl, 'POST', '/auth/wechat', {
      body: { code: logins['WeChat login code'] },
    });
    const order = await orderOf(sut.baseUrl, handler.token, report.id, 'township');
    await act(sut.baseUrl, handler.token, order.id, 'sign');
    await act(sut.baseUrl, handler.token, order.id, 'notes', {
      text: canary.description,
      reporterVisible: false,
    });
    const query = `?q=${encodeURIComponent(canary.childName)}&phone=${canary.reporterPhone}`;
    const params: Record<string, string[]> = {
      id: [report.id, order.id],
      trackingCode: [report.trackingCode],
      uploadId: [photo.body.uploadId],
      year: ['2026'],
    };
    /** The path with each parameter filled in every way it can be: one path per combination. */
    const fill = (path: string): string[] => {
      const param = path.match(/:\w+/)?.[0];
      if (!param) return [path];
      const values = params[param.slice(1)] ?? [report.id];
      return values.flatMap((value) => fill(path.replace(param, value)));
    };

    const routes = routeTable(sut.app);
    // The filer and the handler of the canary report, anonymous, and two who may not see it.
    const tokens = [
      undefined,
      reporter.token,
      handler.token,
      sessions.coordinator?.token,
      sessions.admin?.token,
    ];
    let answersNamingTheChild = 0;
    for (const route of routes.filter((r) => r.key.startsWith('GET '))) {
      for (const path of fill(route.key.slice('GET '.length))) {
        for (const token of tokens) {
          const answer = await http(sut.baseUrl, 'GET', path, { token });
          if (JSON.stringify(answer.body ?? '').includes(canary.childName)) answersNamingTheChild++;
          await http(sut.baseUrl, 'GET', `${path}${query}`, { token });
        }
      }
    }
    const calls = writeCalls(sut.baseUrl, world, {
      admin: sessions.admin as AuthResponse,
      reporter,
      handler,
      coordinator: sessions.coordinator as AuthResponse,
    });
    const credentials: Record<string, string> = {};
    for (const route of routes.filter((r) => !r.key.startsWith('GET '))) {
      const make = calls[route.key];
      if (!make) throw new Error(`no valid request of ${route.key} to start from`);
      const call = await make();
      for (const field of CREDENTIAL_FIELDS) {
        const value = call.body[field];
        if (typeof value === 'string') credentials[`${route.key} ${field}`] = value;
      }
      const method = route.key.split(' ')[0];
      const options = { token: call.token, headers: call.headers };
      await http(sut.baseUrl, method, call.path, {
        ...options,
        form: call.form?.(),
        body: call.form ? undefined : call.body,
      });
      await http(sut.baseUrl, method, `${call.path}${query}`, {
        ...options,
        body: { ...call.body, child: canary.childName, phone: canary.guardianPhone },
      });
    }
    await http(sut.baseUrl, 'GET', `/reports/${encodeURIComponent(canary.childName)}`);
    await http(sut.baseUrl, 'GET', `/track/${canary.idNumber}`);
    await raw(
      port,
      `GET /api/v1/track/${canary.idNumber} HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`,
    );
    const lines = logs.lines();
    const written = logs.written();

    // The personal data went through the server; none of it may reach the log.
    expect(answersNamingTheChild).toBeGreaterThan(0);
    const secrets = {
      ...canary,
      trackingCode: report.trackingCode,
      query: query.slice(1),
      ...Object.fromEntries(
        ROLE_NAMES.filter((role) => sessions[role]).map((role) => [
          `${role} token`,
          sessions[role]?.token,
        ]),
      ),
      'reporter token': reporter.token,
      'handler token': handler.token,
      ...logins,
      ...credentials,
    };
    expect(Object.keys(credentials)).toEqual(
      expect.arrayContaining([
        'POST /auth/dev openid',
        'POST /auth/wechat code',
        'POST /auth/redeem code',
      ]),
    );
    expect(leaksIn(written, secrets)).toEqual([]);
    expect(written).not.toMatch(/authorization|bearer/i);
    const patterns = new Set(routes.map((r) => `${API_PREFIX}${r.key.split(' ')[1]}`));
    const requestLines = lines.filter((line: LogLine) => line.msg === 'request');
    expect(
      requestLines.filter((line) => line.route !== null && !patterns.has(line.route as string)),
    ).toEqual([]);
    expect(
      [...patterns].filter((pattern) => !requestLines.some((line) => line.route === pattern)),
    ).toEqual([]);
  }, 180_000);

  it('writes no tracking code, openid, token or report detail while seeding the demo data', async () => {
    const demoLogs = new LogCapture();
    const demo = await startTestApp({
      logs: demoLogs,
      env: { DEMO_DATA: 'true', LOG_LEVEL: 'trace' },
    });
    try {
      const seeded = demoReports(new Date());
      const sessions = await Promise.all(
        DEMO_LOGINS.map(async ({ openid }) => ({
          openid,
          session: await devLogin(demo.baseUrl, openid),
        })),
      );
      const filed = await Promise.all(
        sessions.map(async ({ session }) => {
          const mine = await http<ReporterReportView[]>(demo.baseUrl, 'GET', '/reports/mine', {
            token: session.token,
          });
          return mine.body;
        }),
      );
      const secrets = {
        ...Object.fromEntries(
          filed.flat().map((report, i) => [`demo tracking code ${i}`, report.trackingCode]),
        ),
        ...Object.fromEntries(
          sessions.flatMap(({ openid, session }) => [
            [`${openid} openid`, openid],
            [`${openid} token`, session.token],
          ]),
        ),
        ...Object.fromEntries(
          seeded.flatMap(({ report }, i) =>
            personalDetailsOf(report).map((detail, j) => [`demo report ${i} detail ${j}`, detail]),
          ),
        ),
      };

      // The boot's lines were captured, and the codes looked for exist.
      expect(demoLogs.lines()).toContainEqual(
        expect.objectContaining({ component: 'demo-data', reports: seeded.length }),
      );
      expect(filed.flat()).toHaveLength(seeded.length);
      expect(leaksIn(demoLogs.written(), secrets)).toEqual([]);
    } finally {
      await demo.close();
    }
  }, 120_000);
});
