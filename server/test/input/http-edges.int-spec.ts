import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ERROR_CODES, type AuthResponse } from '@shouhu/shared';
import { aPhoto } from '../factories/media.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aWorld, type World } from '../factories/world.factory';
import { bodyRoutes, type BodyRoute } from '../setup/body-fields';
import { http, type HttpResponse } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

type ErrorBody = { code?: string; message?: string; errors?: Record<string, string> };

const CHINESE = /[\u4e00-\u9fff]/;
const WRITE_METHODS = ['POST', 'PUT', 'PATCH'];
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const UPLOAD = 'POST /uploads';

/** Why an answer is not api.md's error shape (`{code, message[, errors]}`, our code, Chinese), or null. */
function shapeProblem(answer: HttpResponse<unknown>): string | null {
  if (answer.status < 400) return null;
  const body = answer.body as ErrorBody | undefined;
  if (!body || typeof body !== 'object') return 'no JSON body';
  const keys = Object.keys(body).sort();
  const allowed = ['code', 'errors', 'message'];
  if (keys.some((key) => !allowed.includes(key)) || !keys.includes('code')) {
    return `keys ${keys.join(',')}`;
  }
  if (!ERROR_CODES.includes(body.code as never)) return `code ${body.code}`;
  if (!CHINESE.test(body.message ?? '')) return `message ${body.message}`;
  const english = Object.values(body.errors ?? {}).filter((m) => !CHINESE.test(m));
  return english.length > 0 ? `errors ${english.join('; ')}` : null;
}

describe('HTTP edges: every error of every route has our shape', () => {
  let sut: TestApp;
  let world: World;
  let admin: AuthResponse;
  let reporter: AuthResponse;
  let handler: AuthResponse;
  let coordinator: AuthResponse;
  let hotline: AuthResponse;
  let routes: BodyRoute[];

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true' } });
    world = await aWorld(sut.baseUrl);
    admin = await anAdminSession(sut.baseUrl);
    reporter = await aReporterSession(sut.baseUrl);
    handler = await aSessionWith(sut.baseUrl, {
      role: 'handler',
      unitId: world.units.homeTownship.id,
    });
    coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });
    hotline = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    routes = bodyRoutes(sut.app);
  });

  afterAll(() => sut.close());

  /** A session the route's @Access lets through, so what is checked is the input, not the role. */
  function tokenFor(route: BodyRoute): string | undefined {
    const access = route.access ?? [];
    if (access.includes('public')) return undefined;
    if (access.includes('admin')) return admin.token;
    if (access.includes('coordinator')) return coordinator.token;
    if (access.includes('handler')) return handler.token;
    if (access.includes('hotline_operator') && !access.includes('reporter')) return hotline.token;
    return reporter.token;
  }

  const pathOf = (route: BodyRoute, param: () => string = randomUUID) =>
    route.key.split(' ')[1].replace(/:[A-Za-z]+/g, () => param());

  const methodOf = (route: BodyRoute) => route.key.split(' ')[0];

  it('answers malformed URLs, over-long parameters and unserved methods of every route in our shape', async () => {
    const failures: string[] = [];
    let sent = 0;
    const check = async (what: string, method: string, path: string, token?: string) => {
      const answer = await http(sut.baseUrl, method, path, { token });
      sent++;
      const problem = answer.status < 400 ? `answered ${answer.status}` : shapeProblem(answer);
      if (problem)
        failures.push(`${what} ${method} ${path.slice(0, 60)}: ${answer.status} ${problem}`);
    };
    for (const route of routes) {
      const token = tokenFor(route);
      const method = methodOf(route);
      const withParams = route.key.includes(':');
      await check(
        `${route.key} bad URL`,
        method,
        withParams ? pathOf(route, () => '%ZZ') : `${pathOf(route)}/%ZZ`,
        token,
      );
      await check(`${route.key} bad URL`, method, `${pathOf(route)}?q=%ZZ%`, token);
      if (withParams) {
        await check(
          `${route.key} long`,
          method,
          pathOf(route, () => 'x'.repeat(101)),
          token,
        );
        await check(
          `${route.key} CESU`,
          method,
          pathOf(route, () => '%ED%A0%80'),
          token,
        );
      }
      const served = new Set(
        routes.filter((r) => r.key.split(' ')[1] === route.key.split(' ')[1]).map(methodOf),
      );
      for (const other of ALL_METHODS.filter((m) => !served.has(m))) {
        await check(`${route.key} method`, other, pathOf(route), token);
      }
    }

    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(100);
  });

  it('refuses every body that is not JSON on every route with a body (415), and the upload anything but multipart', async () => {
    const failures: string[] = [];
    const writes = routes.filter((r) => WRITE_METHODS.includes(methodOf(r)));
    for (const route of writes) {
      const types =
        route.key === UPLOAD
          ? [
              'application/json',
              'application/octet-stream',
              'multipart/mixed; boundary=x',
              'text/plain',
            ]
          : [
              'application/x-www-form-urlencoded',
              'text/plain',
              'multipart/form-data; boundary=x',
              'application/octet-stream',
              'application/xml',
            ];
      for (const type of types) {
        const answer = await http<ErrorBody>(sut.baseUrl, methodOf(route), pathOf(route), {
          token: tokenFor(route),
          rawBody: type.startsWith('application/x-www') ? 'openid=x&a=1' : '{"a":1}',
          headers: { 'content-type': type, 'idempotency-key': randomUUID() },
        });
        const expected = route.key === UPLOAD ? /multipart\/form-data/ : /JSON/;
        if (
          answer.status !== 415 ||
          shapeProblem(answer) ||
          !expected.test(answer.body?.message ?? '')
        ) {
          failures.push(`${route.key} ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(writes.length).toBeGreaterThan(20);
  });

  it('answers broken JSON, an empty JSON body and JSON that is not an object on every route in our shape', async () => {
    const failures: string[] = [];
    const writes = routes.filter((r) => WRITE_METHODS.includes(methodOf(r)) && r.key !== UPLOAD);
    for (const route of writes) {
      for (const raw of ['{', '{"a":', '[]', '"x"', '1', 'null', '', '{"__proto__":{"a":1}}']) {
        const answer = await http<ErrorBody>(sut.baseUrl, methodOf(route), pathOf(route), {
          token: tokenFor(route),
          rawBody: raw,
          headers: { 'idempotency-key': randomUUID() },
        });
        const problem = shapeProblem(answer);
        // `{` and the like are never a request; no body is one only for a route without fields.
        const refused =
          answer.status >= 400 ||
          (raw === '' && route.emptyBody) ||
          (raw === 'null' && route.emptyBody);
        if (problem || !refused || answer.status >= 500) {
          failures.push(`${route.key} ${JSON.stringify(raw)}: ${answer.status} ${problem ?? ''}`);
        }
      }
    }

    expect(failures).toEqual([]);
  });

  it('refuses an unknown query parameter on every route with 400 naming it', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const answer = await http<ErrorBody>(sut.baseUrl, methodOf(route), `${pathOf(route)}?x=1`, {
        token: tokenFor(route),
        headers: { 'idempotency-key': randomUUID() },
        ...(WRITE_METHODS.includes(methodOf(route)) && route.key !== UPLOAD ? { body: {} } : {}),
      });
      if (answer.status !== 400 || !answer.body?.errors?.x || shapeProblem(answer)) {
        failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }

    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  it('answers a request line Node cannot read in our shape', async () => {
    const port = new URL(sut.baseUrl).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET /api v1 HTTP/1.1\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');

    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect(
      shapeProblem({ status: 400, body: JSON.parse(body), headers: new Headers() }),
    ).toBeNull();
  });

  describe('the upload', () => {
    let png: Buffer;
    beforeAll(async () => {
      png = await aPhoto({ format: 'png' });
    });
    const send = (form: FormData) =>
      http<ErrorBody>(sut.baseUrl, 'POST', '/uploads', { token: reporter.token, form });

    it('refuses a form with a field and no file with 400 naming file', async () => {
      const form = new FormData();
      form.append('x', '1');
      const answer = await send(form);

      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.file).toMatch(CHINESE);
    });

    it('refuses two files instead of keeping the first', async () => {
      const form = new FormData();
      form.append('file', new Blob([png]), 'a.png');
      form.append('file', new Blob([png]), 'b.png');
      const answer = await send(form);

      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.file).toBe('一次只能上传一个文件');
    });

    it('still takes one photo', async () => {
      const form = new FormData();
      form.append('file', new Blob([png]), 'a.png');

      expect((await send(form)).status).toBe(201);
    });
  });
});
