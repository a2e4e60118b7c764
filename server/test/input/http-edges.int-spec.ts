import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AuthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { aPhoto } from '../factories/media.factory';
import { aSmallWorkbook, aZipBombWorkbook } from '../factories/zip.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aWorld, type World } from '../factories/world.factory';
import { bodyRoutes, type BodyRoute } from '../setup/body-fields';
import { shapeProblem } from '../setup/error-shape';
import { http } from '../setup/http';
import { changedTables, storedStateReader } from '../setup/stored-state';
import { startTestApp, type TestApp } from '../setup/test-app';

type ErrorBody = { code?: string; message?: string; errors?: Record<string, string> };

const WRITE_METHODS = ['POST', 'PUT', 'PATCH'];
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

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
      const types = route.multipart
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
        const message = answer.body?.message ?? '';
        const says = route.multipart
          ? message.includes('multipart/form-data') && message.includes(route.file ?? '?')
          : /JSON/.test(message);
        if (answer.status !== 415 || shapeProblem(answer) || !says) {
          failures.push(`${route.key} ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(writes.length).toBeGreaterThan(20);
  });

  it('answers broken JSON, an empty JSON body and JSON that is not an object on every route in our shape', async () => {
    const failures: string[] = [];
    const writes = routes.filter((r) => WRITE_METHODS.includes(methodOf(r)) && !r.multipart);
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
        ...(WRITE_METHODS.includes(methodOf(route)) && !route.multipart ? { body: {} } : {}),
      });
      if (answer.status !== 400 || !answer.body?.errors?.x || shapeProblem(answer)) {
        failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }

    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });

  /** One raw request over a socket, answered and closed; fetch cannot send most of these. */
  function raw(request: string | Buffer): Promise<string> {
    const port = Number(new URL(sut.baseUrl).port);
    return new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', (error) => (text ? resolve(text) : reject(error)));
      socket.setTimeout(10_000, () => socket.destroy());
    });
  }

  const MARKER = 'echo-me-not';
  const get = (target: string, headers = '') =>
    `GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;

  /**
   * Every status Node or Fastify answers before Nest sees the request, sent as raw bytes: each
   * answer must be api.md's shape with a Chinese message, `no-store`, and never echo the URL.
   */
  it.each([
    ['a malformed URL', 400, get(`/api/v1/health/%ZZ${MARKER}`)],
    ['a malformed query', 400, get(`/api/v1/health?q=${MARKER}%ZZ%`)],
    ['an unknown route', 404, get(`/api/v1/${MARKER}`)],
    [
      'an unserved method',
      404,
      `DELETE /api/v1/health/${MARKER} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ],
    ['an over-long path segment', 404, get(`/api/v1/track/${MARKER}${'x'.repeat(200)}`)],
    ['a long path under the header limit', 404, get(`/api/v1/${MARKER}/${'a/'.repeat(6000)}`)],
    [
      'a long URL under the header limit',
      400,
      get(`/api/v1/health?q=${MARKER}${'a'.repeat(12_000)}`),
    ],
    [
      'a path over the header limit (414 elsewhere)',
      431,
      get(`/api/v1/${MARKER}/${'a'.repeat(20_000)}`),
    ],
    ['a URL over the header limit', 431, get(`/api/v1/health?q=${MARKER}${'a'.repeat(70_000)}`)],
    ['a header over the limit', 431, get('/api/v1/health', `X-Big: ${'a'.repeat(20_000)}\r\n`)],
    [
      'a body over the limit',
      413,
      `POST /api/v1/auth/dev?${MARKER} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n{}`,
    ],
    [
      'a body that is not JSON',
      415,
      `POST /api/v1/auth/dev?${MARKER} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`,
    ],
    ['a request line with a space in the target', 400, `GET /api v1/${MARKER} HTTP/1.1\r\n\r\n`],
    ['an unknown method', 400, `FETCH /api/v1/${MARKER} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a header name with a space', 400, get(`/api/v1/${MARKER}`, 'Bad Header: 1\r\n')],
    [
      'both Content-Length and chunked',
      400,
      `POST /api/v1/auth/dev?${MARKER} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    ['no Host header', 400, `GET /api/v1/${MARKER} HTTP/1.1\r\nConnection: close\r\n\r\n`],
    [
      'a binary request line',
      400,
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x0d, 0x0a]),
    ],
  ])(
    'answers %s with %i in our shape, no-store, without echoing the URL',
    async (_what, status, request) => {
      const answer = await raw(request);
      const [head, ...rest] = answer.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n');

      expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(head).toMatch(/\r\ncache-control: no-store/i);
      expect(head).toMatch(/\r\nx-content-type-options: nosniff/i);
      const headers = new Headers(
        head
          .split('\r\n')
          .slice(1)
          .map((line): [string, string] => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon), line.slice(colon + 1).trim()];
          }),
      );
      expect(headers.get('x-request-id')).not.toBeNull();
      expect(shapeProblem({ status, body: JSON.parse(body), headers })).toBeNull();
      expect(answer).not.toContain(MARKER);
    },
  );

  describe('every route that reads one file (multipart)', () => {
    /** A file each route takes, so what is refused is the form around it. */
    let samples: Record<string, Buffer>;
    beforeAll(async () => {
      samples = {
        'POST /uploads': await aPhoto({ format: 'png' }),
        'POST /institutions/import': aSmallWorkbook(),
      };
    });
    const multipartRoutes = () => routes.filter((r) => r.multipart);
    const send = (route: BodyRoute, form: FormData) =>
      http<ErrorBody>(sut.baseUrl, methodOf(route), pathOf(route), {
        token: tokenFor(route),
        form,
      });
    const fileOf = (route: BodyRoute) => new Blob([samples[route.key] ?? Buffer.alloc(0)]);

    it('walks every multipart route, each with a sample file and its own words', () => {
      expect(
        multipartRoutes()
          .map((r) => r.key)
          .sort(),
      ).toEqual(Object.keys(samples).sort());
      const words = multipartRoutes().map((r) => r.file);
      expect(new Set(words).size).toBe(words.length);
    });

    it('refuses a form with a field and no file with 400 naming file, in the words of what the route takes', async () => {
      const failures: string[] = [];
      for (const route of multipartRoutes()) {
        const form = new FormData();
        form.append('x', '1');
        const answer = await send(route, form);
        const expected = { file: `请只上传${route.file}，不要附带其他内容` };
        if (
          answer.status !== 400 ||
          JSON.stringify(answer.body?.errors) !== JSON.stringify(expected)
        ) {
          failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }

      expect(failures).toEqual([]);
    });

    it('refuses a field sent with the file, in the words of what the route takes', async () => {
      const failures: string[] = [];
      for (const route of multipartRoutes()) {
        const form = new FormData();
        form.append('note', '附言');
        form.append('file', fileOf(route), 'a.bin');
        const answer = await send(route, form);
        if (answer.body?.errors?.file !== `请只上传${route.file}，不要附带其他内容`) {
          failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }

      expect(failures).toEqual([]);
    });

    it('refuses two files instead of keeping the first, in the words of what the route takes', async () => {
      const failures: string[] = [];
      for (const route of multipartRoutes()) {
        const form = new FormData();
        form.append('file', fileOf(route), 'a.bin');
        form.append('file', fileOf(route), 'b.bin');
        const answer = await send(route, form);
        if (
          answer.status !== 400 ||
          answer.body?.errors?.file !== `一次只能上传一个文件：${route.file}`
        ) {
          failures.push(`${route.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }

      expect(failures).toEqual([]);
    });

    it('answers a zip that unpacks to 500 MiB quickly with a 4xx on file, storing nothing', async () => {
      const readStored = await storedStateReader(
        sut.app.get(DataSource),
        sut.config.uploads.directory,
      );
      const bomb = aZipBombWorkbook(500);
      const failures: string[] = [];
      for (const route of multipartRoutes()) {
        const form = new FormData();
        form.append('file', new Blob([bomb]), 'bomb.xlsx');
        const before = await readStored();
        const started = performance.now();
        const answer = await send(route, form);
        const took = performance.now() - started;
        const changed = changedTables(before, await readStored());
        if (
          ![400, 415].includes(answer.status) ||
          !answer.body?.errors?.file ||
          took > 3000 ||
          changed.length > 0
        ) {
          failures.push(`${route.key}: ${answer.status} in ${Math.round(took)} ms, ${changed}`);
        }
      }

      expect(failures).toEqual([]);
    });

    it('still takes one photo', async () => {
      const form = new FormData();
      form.append('file', new Blob([samples['POST /uploads']]), 'a.png');
      const answer = await http<ErrorBody>(sut.baseUrl, 'POST', '/uploads', {
        token: reporter.token,
        form,
      });

      expect(answer.status).toBe(201);
    });
  });
});
