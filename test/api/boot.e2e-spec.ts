import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, startServer } from '../support/server';

function boot(env: Record<string, string>) {
  return spawnSync(process.execPath, [resolve(REPO_ROOT, 'server', 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

function isJsonObject(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

/** The log line the server wrote last (README, Logs). */
function lastLogLine(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe('server boot', () => {
  it('exits with a fatal log line naming each bad variable', () => {
    const result = boot({ PORT: 'eighty', AUTH_DEV_LOGIN: 'maybe', LOG_LEVEL: 'silent' });

    expect(result.status).toBe(1);
    expect(lastLogLine(result.stdout)).toMatchObject({
      level: 'fatal',
      problems: [expect.stringMatching(/^PORT: /), expect.stringMatching(/^AUTH_DEV_LOGIN: /)],
    });
  });

  it('refuses to start in production with the development login on', () => {
    const result = boot({
      NODE_ENV: 'production',
      AUTH_DEV_LOGIN: 'true',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/test',
      AUTH_TOKEN_SECRET: 'x'.repeat(40),
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    });

    expect(result.status).toBe(1);
    expect(lastLogLine(result.stdout).problems).toContain(
      'AUTH_DEV_LOGIN: must not be true in production',
    );
  });

  it('starts on the embedded database with demo data, as npm start does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhu-boot-'));
    const server = await startServer({
      SQLITE_PATH: join(dir, 'demo.sqlite'),
      NODE_ENV: 'development',
    });
    try {
      const health = await fetch(`${server.apiBase}/health`);
      const page = await fetch(`${server.origin}/`);
      const icon = await fetch(`${server.origin}/favicon.ico`);

      expect(await health.json()).toMatchObject({ database: 'up', driver: 'better-sqlite3' });
      expect(await page.text()).toContain('<div id="app">');
      expect([icon.status, icon.headers.get('content-type')]).toEqual([
        200,
        expect.stringMatching(/^image\/(x-icon|vnd\.microsoft\.icon)$/),
      ]);
      // README, Logs: what the server writes is JSON lines only, the demo data's among them.
      const lines = server.output().trim().split('\n');
      expect(lines.filter((line) => !isJsonObject(line))).toEqual([]);
      expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
        expect.objectContaining({ component: 'demo-data', reports: expect.any(Number) }),
      );
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
