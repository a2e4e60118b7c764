import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slowUpload } from '../../server/test/setup/slow-upload';
import { startServer, type RunningServer } from '../support/server';

const MB = 1024 * 1024;
const CONNECTIONS = 8;

/** The server process's resident memory, from the kernel. */
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

describe('slow uploads (issue 12: 8 × 25 MB stalled bodies took the server from 180 to 357 MB)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shouhu-slow-uploads-'));
  const uploads = join(dir, 'uploads');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      SQLITE_PATH: ':memory:',
      DEMO_DATA: 'false',
      DIVISIONS: '341324',
      H5_DIR: '/nonexistent',
      UPLOAD_DIR: uploads,
      UPLOAD_IDLE_TIMEOUT_SECONDS: '3',
      UPLOAD_RATE_WINDOW_SECONDS: '4',
      UPLOAD_MIN_BYTES_PER_SECOND: '20000',
    });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds each body on disk, not in memory, and closes every stalled connection with 408', async () => {
    const login = await fetch(`${server.apiBase}/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'slow-uploader' }),
    });
    const { token } = (await login.json()) as { token: string };
    const before = rssMb(server.pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);

    // Each sends 12 MB at once, then 1 KB every half second: far below the minimum rate.
    const results = await Promise.all(
      Array.from({ length: CONNECTIONS }, () =>
        slowUpload(`${server.apiBase}/uploads`, {
          token,
          promisedBytes: 25 * MB,
          burstBytes: 12 * MB,
          trickleBytes: 1024,
          intervalMs: 500,
          giveUpMs: 30_000,
        }),
      ),
    );
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 2000));
    const after = rssMb(server.pid);
    const slowest = Math.max(...results.map((r) => r.elapsedMs));
    console.log(
      `server RSS: before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)}), ` +
        `after ${after.toFixed(0)} MB; ${CONNECTIONS} connections closed by the server after at most ${slowest} ms`,
    );

    expect(results.map((r) => r.status)).toEqual(Array(CONNECTIONS).fill(408));
    expect(results.every((r) => r.closedByServer)).toBe(true);
    expect(slowest).toBeLessThan(15_000);
    expect(peak - before).toBeLessThan(60);
    expect(readdirSync(uploads)).toEqual([]);
  });
});
