import type { AuditEntry, Page } from '@shouhu/shared';
import { anAdminSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const LOOKUPS = 3;

/**
 * What a client can put in X-Forwarded-For never decides its address: not the rate-limit key, not
 * the audit log's `ip`. Each case says what the trusted proxy appended (`seen`), if any, and which
 * address the server must therefore use.
 */
describe.each([
  { trust: '0', seen: null, client: '127.0.0.1' },
  { trust: '1', seen: '203.0.113.7', client: '203.0.113.7' },
  { trust: '127.0.0.1,10.0.0.0/8', seen: '203.0.113.8', client: '203.0.113.8' },
  { trust: '10.9.9.9', seen: '203.0.113.9', client: '127.0.0.1' },
])('TRUST_PROXY=$trust', ({ trust, seen, client }) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({
      env: { TRUST_PROXY: trust, TRACK_RATE_LIMIT_PER_MINUTE: String(LOOKUPS) },
    });
  });
  afterAll(() => sut.close());

  /** The header as it reaches the server: the client's own text, then what the proxy appended. */
  const forwardedFor = (chosen: string) => ({
    'x-forwarded-for': seen ? `${chosen}, ${seen}` : chosen,
  });

  it('counts tracking lookups for the real address, whatever the client claims to be', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOOKUPS; i++) {
      const answer = await http(sut.baseUrl, 'GET', '/track/ACDE-FGHJ-KM', {
        headers: forwardedFor(`198.51.100.${i + 1}`),
      });
      statuses.push(answer.status);
    }

    expect(statuses).toEqual([...Array<number>(LOOKUPS).fill(404), 429]);
  });

  it('writes the real address into the audit log', async () => {
    // An admin's own rows: a reporter's rows show no address to anyone who may not know them.
    const admin = await anAdminSession(sut.baseUrl);
    const invited = await http(sut.baseUrl, 'POST', '/admin/invites', {
      token: admin.token,
      body: { role: 'hotline_operator' },
      headers: forwardedFor('198.51.100.200'),
    });
    const audit = await http<Page<AuditEntry>>(sut.baseUrl, 'GET', '/audit?pageSize=100', {
      token: admin.token,
    });
    const rows = audit.body.items.filter((row) => row.actorUserId === admin.user.id);

    expect(invited.status).toBe(201);
    expect(rows.map((row) => row.action)).toContain('invite.create');
    expect(rows.map((row) => row.ip)).toEqual(rows.map(() => client));
  });
});
