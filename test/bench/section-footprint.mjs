// Section 5 of the bench (issue 17): how long the server takes from start to its first 200 (the
// first boot loads every division into an empty database; later boots find them), its memory
// after the intake runs, and what a phone downloads first (miniprogram/scripts/bundle-size.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dist, h5Sizes, weappSizes } from '../../miniprogram/scripts/bundle-size.mjs';
import { bytes, latencies, ms, seconds } from './figures.mjs';
import { freshMariaDb, ROOT, startServer } from './harness.mjs';

const LATER_BOOTS = 3;
const WEAPP_LIMIT_BYTES = 2 * 1024 * 1024;

/** The production configuration as far as boot goes: every division, no demo data. */
const PRODUCTION_BOOT = { DEMO_DATA: 'false', DIVISIONS: 'all' };

async function boots() {
  const database = await freshMariaDb('bench_boot');
  try {
    const first = await startServer({ ...database.env, ...PRODUCTION_BOOT });
    await first.stop();
    const later = [];
    for (let i = 0; i < LATER_BOOTS; i++) {
      const server = await startServer({ ...database.env, ...PRODUCTION_BOOT });
      later.push(server.bootMs);
      await server.stop();
    }
    return { firstMs: first.bootMs, later: latencies(later) };
  } finally {
    await database.drop();
  }
}

/** The app's build for `platform`: as found in miniprogram/dist, else built now (and said so). */
function built(platform, marker, log) {
  const path = join(dist(platform), marker);
  if (existsSync(path)) {
    return `miniprogram/dist/${platform} as found, built ${statSync(path).mtime.toISOString().slice(0, 16)}Z`;
  }
  log(`building the ${platform} app (miniprogram/dist/${platform} is missing)`);
  const started = performance.now();
  const run = spawnSync('npm', ['run', `build:${platform}`, '-w', 'miniprogram'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build:${platform} failed:\n${run.stdout}${run.stderr}`);
  return `built by this run in ${seconds(performance.now() - started)}`;
}

/** Rows of section 5; `memory` is the server's RSS after section 1 (`{ now, peak }` in MB). */
export async function benchFootprint(memory, log) {
  const boot = await boots();
  log(`boots: first ${ms(boot.firstMs)}, later p50 ${ms(boot.later.p50)}`);
  const weappSource = built('weapp', 'app.json', log);
  const weapp = weappSizes();
  const h5Source = built('h5', 'index.html', log);
  const h5 = h5Sizes();
  return [
    {
      figure: 'cold start to the first 200, first boot (empty database, every division loaded)',
      value: seconds(boot.firstMs),
    },
    {
      figure: 'cold start to the first 200, later boots',
      value: `p50 ${seconds(boot.later.p50)}, max ${seconds(boot.later.max)} (${boot.later.n} boots)`,
    },
    {
      figure: 'server RSS after the intake runs',
      value: memory ? `${memory.now.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)` : '–',
    },
    {
      figure: 'weapp main package',
      value: `${bytes(weapp.mainBytes)} (${weappSource})`,
      ratio: `${(weapp.mainBytes / WEAPP_LIMIT_BYTES).toFixed(2)} of WeChat's 2 MB`,
    },
    {
      figure: 'H5 first-load JS (entry scripts of index.html)',
      value: `${bytes(h5.raw)}, ${bytes(h5.gzipped)} gzipped (${h5Source})`,
    },
  ];
}
