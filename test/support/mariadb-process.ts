import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from './server';

const INSTALL_DB = '/usr/bin/mariadb-install-db';
const MARIADBD = '/usr/sbin/mariadbd';
const READY_TIMEOUT_MS = 30_000;

/**
 * A throwaway MariaDB server of a test's own (never the shared one on 3306): its own datadir,
 * socket and port, so the test may kill it with SIGKILL and start it again on the same data.
 */
export interface MariaDbProcess {
  port: number;
  /** `mysql://root@127.0.0.1:<port>/shouhu`, created empty at first start. */
  url: string;
  kill(): Promise<void>;
  /** Starts mariadbd again on the same datadir and port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and deletes the datadir. */
  destroy(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

async function waitForConnections(port: number, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited:\n${log()}`);
    try {
      const connection = await createConnection({ host: '127.0.0.1', port, user: 'root' });
      await connection.end();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`mariadbd did not accept connections:\n${log()}`);
}

export async function startMariaDbProcess(): Promise<MariaDbProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'shouhu-mariadb-'));
  const datadir = join(dir, 'data');
  const install = spawnSync(
    INSTALL_DB,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed:\n${install.stderr}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  async function start(): Promise<void> {
    const started = spawn(
      MARIADBD,
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${datadir}`,
        `--port=${port}`,
        `--socket=${join(dir, 'mariadb.sock')}`,
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        '--skip-networking=0',
        '--bind-address=127.0.0.1',
        '--innodb-buffer-pool-size=64M',
        '--max-connections=300',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child = started;
    await waitForConnections(port, started, () => log);
  }

  async function kill(): Promise<void> {
    if (!child) return;
    const done = exited(child);
    child.kill('SIGKILL');
    await done;
    child = null;
  }

  await start();
  const admin = await createConnection({ host: '127.0.0.1', port, user: 'root' });
  try {
    await admin.query('CREATE DATABASE shouhu CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  } finally {
    await admin.end();
  }
  return {
    port,
    url: `mysql://root@127.0.0.1:${port}/shouhu`,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
