import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, AuthResponse } from '@shouhu/shared';
import { aReport } from '../factories/report.factory';
import { http, type HttpResponse } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { RATE_LIMIT_VARIABLES, startTestApp, type TestApp } from '../setup/test-app';
import { aPhoto } from '../factories/media.factory';

const LIMIT = 2;

/** The routes docs/api.md and issue 12 want limited, and the kind whose budget each spends. */
const LIMITED = {
  'POST /auth/dev': 'login',
  'POST /auth/redeem': 'login',
  'POST /auth/wechat': 'login',
  'POST /reports': 'reports',
  'POST /uploads': 'uploads',
  'GET /track/:trackingCode': 'track',
};

let addresses = 0;
/** An address no other request of this file came from (TRUST_PROXY=1: the proxy's last entry). */
const anAddress = () => {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

describe('rate limits', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({
      env: {
        TRUST_PROXY: '1',
        ...Object.fromEntries(RATE_LIMIT_VARIABLES.map((name) => [name, `${LIMIT}`])),
      },
    });
  });
  afterAll(() => sut.close());

  /** A new account, logged in from an address of its own so no test's budget is spent. */
  async function anAccount(openid = `limits-${randomUUID()}`): Promise<AuthResponse> {
    const answer = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/dev', {
      body: { openid },
      headers: { 'x-forwarded-for': anAddress() },
    });
    if (answer.status !== 200) throw new Error(`login: ${answer.status}`);
    return answer.body;
  }

  /** One request to a limited route, as `account` (where the route has one) from `address`. */
  async function call(
    key: keyof typeof LIMITED,
    address: string,
    account: AuthResponse | null,
    openid: string,
    body: Record<string, unknown> = {},
  ): Promise<HttpResponse<ApiErrorBody>> {
    const headers = { 'x-forwarded-for': address, 'idempotency-key': randomUUID() };
    const token = account?.token;
    switch (key) {
      case 'POST /auth/dev':
        return http(sut.baseUrl, 'POST', '/auth/dev', { body: { openid }, headers });
      case 'POST /auth/wechat':
        return http(sut.baseUrl, 'POST', '/auth/wechat', { body: { code: 'ok:x' }, headers });
      case 'POST /auth/redeem':
        return http(sut.baseUrl, 'POST', '/auth/redeem', {
          token,
          body: { code: 'ABCD2345' },
          headers,
        });
      case 'POST /reports':
        return http(sut.baseUrl, 'POST', '/reports', {
          token,
          body: aReport(body),
          headers,
        });
      case 'POST /uploads': {
        const form = new FormData();
        form.append('file', new Blob([await aPhoto({ format: 'png' })]), 'a.png');
        return http(sut.baseUrl, 'POST', '/uploads', { token, form, headers });
      }
      case 'GET /track/:trackingCode':
        return http(sut.baseUrl, 'GET', '/track/ACDE-FGHJ-KM', { headers });
    }
  }

  /** Why an answer is not the 429 of a limit, or null. */
  function limitProblem(answer: HttpResponse<ApiErrorBody>): string | null {
    const retryAfter = Number(answer.headers.get('retry-after'));
    if (answer.status !== 429) return `status ${answer.status}`;
    if (answer.body.code !== 'RATE_LIMITED') return `code ${answer.body.code}`;
    if (!(retryAfter >= 1 && retryAfter <= 60)) return `Retry-After ${retryAfter}`;
    if (answer.body.message !== `操作太频繁，请${retryAfter}秒后再试`) {
      return `message ${answer.body.message}`;
    }
    return null;
  }

  it('limits exactly the login, report, upload and tracking routes', () => {
    const limited = routeTable(sut.app)
      .filter((route) => route.rateLimit)
      .map((route) => [route.key, route.rateLimit]);

    expect(Object.fromEntries(limited)).toEqual(LIMITED);
  });

  it.each(Object.keys(LIMITED) as (keyof typeof LIMITED)[])(
    '%s: answers 429 with Retry-After once one address has used its limit, whoever asks',
    async (key) => {
      const address = anAddress();
      const answers: HttpResponse<ApiErrorBody>[] = [];
      for (let i = 0; i <= LIMIT; i++) {
        const openid = `limits-${randomUUID()}`;
        answers.push(await call(key, address, await anAccount(openid), openid));
      }
      const elsewhere = await call(key, anAddress(), await anAccount(), `limits-${randomUUID()}`);

      expect(answers.slice(0, LIMIT).map((a) => a.status)).not.toContain(429);
      expect(limitProblem(answers[LIMIT])).toBeNull();
      expect(elsewhere.status).not.toBe(429);
    },
  );

  it.each(['POST /auth/dev', 'POST /auth/redeem', 'POST /reports', 'POST /uploads'] as const)(
    '%s: answers 429 once one account has used its limit, from whatever address',
    async (key) => {
      const openid = `limits-${randomUUID()}`;
      const account = await anAccount(openid);
      // The development login's own budget already holds the login above.
      const spent = key === 'POST /auth/dev' ? 1 : 0;
      const answers: HttpResponse<ApiErrorBody>[] = [];
      for (let i = spent; i <= LIMIT; i++)
        answers.push(await call(key, anAddress(), account, openid));
      const other = await call(key, anAddress(), await anAccount(), `limits-${randomUUID()}`);

      expect(answers.slice(0, -1).map((a) => a.status)).not.toContain(429);
      expect(limitProblem(answers[answers.length - 1])).toBeNull();
      expect(other.status).not.toBe(429);
    },
  );

  it('counts the three logins as one budget per address', async () => {
    const address = anAddress();
    const account = await anAccount();
    const statuses = [
      (await call('POST /auth/wechat', address, null, '')).status,
      (await call('POST /auth/redeem', address, account, '')).status,
      (await call('POST /auth/dev', address, null, `limits-${randomUUID()}`)).status,
    ];

    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses[LIMIT]).toBe(429);
  });

  it('never blocks a report of immediate danger, from an account and address past their limits', async () => {
    const address = anAddress();
    const account = await anAccount();
    const ordinary: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      ordinary.push((await call('POST /reports', address, account, '')).status);
    }
    const danger: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      danger.push(
        (await call('POST /reports', address, account, '', { immediateDanger: true })).status,
      );
    }

    expect(ordinary).toEqual([...Array<number>(LIMIT).fill(201), 429]);
    expect(danger).toEqual(Array<number>(LIMIT + 1).fill(201));
  });
});
