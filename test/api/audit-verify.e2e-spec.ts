import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { REPO_ROOT, startServer, type RunningServer } from '../support/server';

function auditVerify(databaseUrl: string) {
  return spawnSync('npm', ['run', '--silent', 'audit:verify'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run audit:verify', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeEach(async () => {
    database = await createTestDatabase('audit');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'false' });
    const login = await fetch(`${server.apiBase}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'audit-e2e' }),
    });
    const { token } = (await login.json()) as { token: string };
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.apiBase}/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          channel: 'public',
          situations: ['guardianship_absent'],
          immediateDanger: false,
          description: '孩子已经两周没有来上学了，家里没人。',
          discoveredAt: new Date().toISOString(),
          location: { divisionCode: '341324' },
          child: {},
          reporter: { anonymous: true },
        }),
      });
      expect(response.status).toBe(201);
    }
  });

  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function sql(statement: string): Promise<void> {
    const connection = await createConnection({ uri: database.url });
    try {
      await connection.query(statement);
    } finally {
      await connection.end();
    }
  }

  it('passes an untouched log, and names the first row edited by hand', async () => {
    const intact = auditVerify(database.url);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('共 3 条');

    await sql("UPDATE audit_log SET ip = '10.0.0.9' WHERE seq = 2");
    const broken = auditVerify(database.url);

    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('第 2 条');
  });

  it('notices rows removed from the end', async () => {
    expect(auditVerify(database.url).status).toBe(0);

    await sql('DELETE FROM audit_log WHERE seq = 3');

    const broken = auditVerify(database.url);

    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('第 3 条');
    expect(broken.stderr).toContain('rows were removed from the end');
  });
});
