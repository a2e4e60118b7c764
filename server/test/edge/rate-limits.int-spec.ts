import { randomUUID } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ApiErrorBody, AuthResponse } from '@shouhu/shared';
import { aReport } from '../factories/report.factory';
import { http, type HttpResponse } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { RATE_LIMIT_VARIABLES, startTestApp, type TestApp } from '../setup/test-app';
import { aPhoto } from '../factories/media.factory';

/** Different per address and per account, so the docs cannot pass by naming the wrong one. */
const ADDRESS_LIMIT = 2;
const ACCOUNT_LIMIT = 3;

/** The routes docs/api.md and issue 12 want limited, and the kind whose budget each spends. */
const LIMITED = {
  'POST /auth/dev': 'login',
  'POST /auth/redeem': 'login',
  'POST /auth/wechat': 'login',
  'POST /reports': 'reports',
  'POST /uploads': 'uploads',
  'GET /track/:trackingCode': 'track',
};

/** The routes that know an account to count: a logged-in user, or the development login's openid. */
const ACCOUNT_LIMITED = [
  'POST /auth/dev',
  'POST /auth/redeem',
  'POST /reports',
  'POST /uploads',
] as const;

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
        ...Object.fromEntries(
          RATE_LIMIT_VARIABLES.map((name) => [
            name,
            String(name.includes('ACCOUNT') ? ACCOUNT_LIMIT : ADDRESS_LIMIT),
          ]),
        ),
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
      for (let i = 0; i <= ADDRESS_LIMIT; i++) {
        const openid = `limits-${randomUUID()}`;
        answers.push(await call(key, address, await anAccount(openid), openid));
      }
      const elsewhere = await call(key, anAddress(), await anAccount(), `limits-${randomUUID()}`);

      expect(answers.slice(0, ADDRESS_LIMIT).map((a) => a.status)).not.toContain(429);
      expect(limitProblem(answers[ADDRESS_LIMIT])).toBeNull();
      expect(elsewhere.status).not.toBe(429);
    },
  );

  it.each(ACCOUNT_LIMITED)(
    '%s: answers 429 once one account has used its limit, from whatever address',
    async (key) => {
      const openid = `limits-${randomUUID()}`;
      const account = await anAccount(openid);
      // The development login's own budget already holds the login above.
      const spent = key === 'POST /auth/dev' ? 1 : 0;
      const answers: HttpResponse<ApiErrorBody>[] = [];
      for (let i = spent; i <= ACCOUNT_LIMIT; i++)
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

    expect(statuses.slice(0, ADDRESS_LIMIT)).not.toContain(429);
    expect(statuses[ADDRESS_LIMIT]).toBe(429);
  });

  it('never blocks a report of immediate danger, from an account and address past their limits', async () => {
    const address = anAddress();
    const account = await anAccount();
    const ordinary: number[] = [];
    for (let i = 0; i <= ADDRESS_LIMIT; i++) {
      ordinary.push((await call('POST /reports', address, account, '')).status);
    }
    const danger: number[] = [];
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) {
      danger.push(
        (await call('POST /reports', address, account, '', { immediateDanger: true })).status,
      );
    }

    expect(ordinary).toEqual([...Array<number>(ADDRESS_LIMIT).fill(201), 429]);
    expect(danger).toEqual(Array<number>(ACCOUNT_LIMIT + 1).fill(201));
  });

  it('counts requests refused after the limit check and retries that replay the first answer', async () => {
    const account = await anAccount();
    const refused = anAddress();
    const invalid = { body: { ...aReport(), description: '' }, token: account.token };
    const refusedStatuses = [];
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      refusedStatuses.push(
        (
          await http(sut.baseUrl, 'POST', '/reports', {
            ...invalid,
            headers: { 'x-forwarded-for': refused, 'idempotency-key': randomUUID() },
          })
        ).status,
      );
    }
    const afterRefusals = await call('POST /reports', refused, await anAccount(), '');
    const replayed = anAddress();
    const retry = { 'x-forwarded-for': replayed, 'idempotency-key': randomUUID() };
    const other = await anAccount();
    const report = { token: other.token, body: aReport(), headers: retry };
    const first = await http(sut.baseUrl, 'POST', '/reports', report);
    const replay = await http(sut.baseUrl, 'POST', '/reports', report);
    const afterReplay = await call('POST /reports', replayed, await anAccount(), '');

    expect(refusedStatuses).toEqual(Array<number>(ADDRESS_LIMIT).fill(400));
    expect(limitProblem(afterRefusals)).toBeNull();
    expect([first.status, replay.status, replay.headers.get('idempotent-replayed')]).toEqual([
      201,
      201,
      'true',
    ]);
    expect(limitProblem(afterReplay)).toBeNull();
  });

  it('does not count requests refused for want of a login', async () => {
    const address = anAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= ADDRESS_LIMIT; i++) {
      statuses.push((await call('POST /reports', address, null, '')).status);
    }
    const loggedIn = await call('POST /reports', address, await anAccount(), '');

    expect(statuses).toEqual(Array<number>(ADDRESS_LIMIT + 1).fill(401));
    expect(loggedIn.status).toBe(201);
  });

  it("documents each limited route's limits as the server runs them", async () => {
    const answer = await fetch(`${new URL(sut.baseUrl).origin}/api/docs-json`);
    const document = (await answer.json()) as OpenAPIObject;
    const problems = Object.keys(LIMITED).flatMap((key) => {
      const [method, path] = key.split(' ');
      const operation =
        document.paths[`/api/v1${path.replace(/:(\w+)/g, '{$1}')}`]?.[
          method.toLowerCase() as 'get'
        ];
      const description = operation?.description ?? '';
      const perAccount = (ACCOUNT_LIMITED as readonly string[]).includes(key);
      const expected = [
        `每个地址每分钟 ${ADDRESS_LIMIT} 次`,
        perAccount ? `每分钟 ${ACCOUNT_LIMIT} 次` : '不按账号计',
        '随后被拒绝的',
        '重试也可能遇到 429',
        ...(key === 'POST /reports' ? ['immediateDanger', '同一个 Idempotency-Key 的重试'] : []),
      ];
      const unsaid = expected.filter((text) => !description.includes(text));
      const wrong = !perAccount && description.includes('每个账号');
      return unsaid.length > 0 || wrong ? [`${key}: ${description}`] : [];
    });

    expect(problems).toEqual([]);
  });
});
