import { randomUUID } from 'node:crypto';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../src/common/edge-headers';
import { http, type HttpResponse } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Why an answer lacks the headers every answer must carry, or null. */
function securityProblem(answer: HttpResponse): string | null {
  const headers = answer.headers;
  if (headers.get('x-content-type-options') !== 'nosniff') return 'no nosniff';
  if (!/frame-ancestors 'none'/.test(headers.get('content-security-policy') ?? '')) {
    return `CSP ${headers.get('content-security-policy')}`;
  }
  if (headers.get('referrer-policy') !== 'no-referrer') return 'no Referrer-Policy';
  return null;
}

describe('the headers of every answer', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => sut.close());

  const pathOf = (key: string, param: () => string = randomUUID) =>
    key.split(' ')[1].replace(/:[A-Za-z]+/g, () => param());

  it('sends nosniff, no framing, no referrer and no-store on every route, router errors and unknown paths, and never HSTS over plain HTTP', async () => {
    const failures: string[] = [];
    const requests = routeTable(sut.app).flatMap((route) => {
      const method = route.key.split(' ')[0];
      return [
        { what: route.key, method, path: pathOf(route.key) },
        { what: `${route.key} bad URL`, method, path: `${pathOf(route.key)}/%ZZ` },
        ...(route.key.includes(':')
          ? [{ what: `${route.key} long`, method, path: pathOf(route.key, () => 'x'.repeat(101)) }]
          : []),
      ];
    });
    requests.push({ what: 'unknown', method: 'GET', path: '/no/such/route' });
    for (const { what, method, path } of requests) {
      const answer = await http(sut.baseUrl, method, path, {
        ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: {} } : {}),
      });
      const shareable = what === 'GET /divisions' && answer.status === 200;
      const problem =
        securityProblem(answer) ??
        (!shareable && answer.headers.get('cache-control') !== 'no-store'
          ? `Cache-Control ${answer.headers.get('cache-control')}`
          : null) ??
        (answer.headers.get('strict-transport-security') ? 'HSTS over HTTP' : null);
      if (problem) failures.push(`${what}: ${answer.status} ${problem}`);
    }

    expect(failures).toEqual([]);
    expect(requests.length).toBeGreaterThan(100);
  });

  it('keeps personal answers out of caches, and lets the public division list be cached', async () => {
    const login = await http<{ token: string }>(sut.baseUrl, 'POST', '/auth/dev', {
      body: { openid: `headers-${randomUUID()}` },
    });
    const me = await http(sut.baseUrl, 'GET', '/auth/me', { token: login.body.token });
    const divisions = await http(sut.baseUrl, 'GET', '/divisions');

    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(divisions.status).toBe(200);
    expect(divisions.headers.get('cache-control')).not.toBe('no-store');
  });

  it('sends HSTS only when a trusted proxy says the request came over TLS', async () => {
    const viaTrusted = await http(sut.baseUrl, 'GET', '/health', {
      headers: { 'x-forwarded-proto': 'https' },
    });
    const plain = await http(sut.baseUrl, 'GET', '/health');
    const untrusted = await startTestApp({ env: { TRUST_PROXY: '10.9.9.9' } });
    const claimed = await http(untrusted.baseUrl, 'GET', '/health', {
      headers: { 'x-forwarded-proto': 'https' },
    });
    await untrusted.close();

    expect(viaTrusted.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(claimed.headers.get('strict-transport-security')).toBeNull();
  });

  it('says when to try again on a 503', async () => {
    // No mini-program is configured here: WeChat login is unavailable.
    const answer = await http(sut.baseUrl, 'POST', '/auth/wechat', { body: { code: 'ok:x' } });

    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe(String(DEFAULT_RETRY_AFTER_SECONDS));
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('serves the API docs page, saying what it documents, unless API_DOCS=false', async () => {
    const origin = new URL(sut.baseUrl).origin;
    const page = await fetch(`${origin}/api/docs`);
    const spec = await fetch(`${origin}/api/docs-json`);
    const description = ((await spec.json()) as { info: { description: string } }).info.description;
    const off = await startTestApp({ env: { API_DOCS: 'false' } });
    const missing = await fetch(`${new URL(off.baseUrl).origin}/api/docs`);
    await off.close();

    expect(page.status).toBe(200);
    expect(description).toMatch(/每个路由.*错误.*生产环境默认关闭/);
    expect(missing.status).toBe(404);
  });
});
