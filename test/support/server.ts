import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const SERVER_MAIN = resolve(REPO_ROOT, 'server', 'dist', 'main.js');
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Browser tests log in and file from one address, as fast as a script can: every rate limit at its
 * maximum (server/test/setup/test-app.ts does the same; the server's own tests check the limits).
 */
const NO_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  [
    'LOGIN_RATE_LIMIT_PER_MINUTE',
    'LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'REPORT_RATE_LIMIT_PER_MINUTE',
    'REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'UPLOAD_RATE_LIMIT_PER_MINUTE',
    'UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'TRACK_RATE_LIMIT_PER_MINUTE',
  ].map((name) => [name, '100000']),
);

export interface RunningServer {
  origin: string;
  apiBase: string;
  port: number;
  pid: number;
  /** Whether the process is still running (not restarted, not crashed). */
  alive(): boolean;
  output(): string;
  stop(): Promise<void>;
  /** `kill -9`: the process gets no chance to finish a request, a transaction or a log line. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Listen on this port (a restart after `kill`); a free one otherwise. */
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(apiBase: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${apiBase}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy in time');
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

/** The built server (`npm run build`), as `npm start` runs it, on a port of its own. */
export async function startServer(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const apiBase = `${origin}/api/v1`;
  let output = '';
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...NO_RATE_LIMITS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForHealth(apiBase, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return {
    origin,
    apiBase,
    port,
    pid: child.pid ?? 0,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    stop: async () => {
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
    },
    kill: async () => {
      const done = exited(child);
      child.kill('SIGKILL');
      await done;
    },
  };
}
