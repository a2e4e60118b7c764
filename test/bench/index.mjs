// `npm run bench` (issue 17): intake against the database's own limit, open-loop arrivals, lists
// and the statistics page at scale, the deadline sweep at growing sizes, and the footprint, in
// one table (printed, and written as markdown to --out). Needs the built shared package and
// server (the npm script builds them) and MariaDB at DATABASE_URL (default the local one).
//   npm run bench [-- --scale small|full] [--huge] [--only intake,lists,sweeps,footprint] [--out file.md]
//                 [--keep-db name] [--help]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keptHistory, loadHistory } from './dataset.mjs';
import { count, goal, markdownTable, ms, ratio, seconds } from './figures.mjs';
import {
  devLogin,
  freshMariaDb,
  keptMariaDb,
  machine,
  ROOT,
  serverEnvExtra,
  startServer,
} from './harness.mjs';
import { benchFootprint } from './section-footprint.mjs';
import { benchIntake } from './section-intake.mjs';
import { benchLists } from './section-lists.mjs';
import { benchSweep, describeSweep } from './section-sweeps.mjs';

/**
 * `small` checks the whole bench in minutes; `full` is the issue's sizes (1 M orders and 200 k
 * files for the lists, sweeps at 10 k and 1 M orders); `--huge` adds the sweep at 10 M orders.
 */
const SCALES = {
  small: {
    intake: {
      concurrencies: [1, 16, 32, 64],
      // Three ways × four levels: on a busy 2-core box the naive baseline at 3 reports/s made 300
      // per level a quarter of an hour; 200 still gives 64 clients three rounds.
      requests: (c) => (c === 1 ? 40 : 200),
      openSeconds: 10,
    },
    lists: { orders: 10_000, files: 2_000, requests: 30, budgetMs: 10_000 },
    sweeps: [10_000, 100_000],
  },
  full: {
    intake: {
      concurrencies: [1, 16, 32, 64],
      requests: (c) => (c === 1 ? 200 : 1_500),
      openSeconds: 30,
    },
    lists: { orders: 1_000_000, files: 200_000, requests: 50, budgetMs: 20_000 },
    sweeps: [10_000, 1_000_000],
  },
};
const HUGE_SWEEP = 10_000_000;
const FILES_PER_ORDER = 0.2;
/** The empty tick "costs the same" at every size: within this factor of the smallest's, for noise. */
const SAME_COST = 1.5;
const SECTIONS = ['intake', 'lists', 'sweeps', 'footprint'];

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    huge: { type: 'boolean', default: false },
    only: { type: 'string', default: SECTIONS.join(',') },
    out: { type: 'string', default: 'test/bench/last-run.md' },
    'keep-db': { type: 'string' },
    'server-env': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [options]
  --scale small|full   sizes: small (default) checks everything in minutes; full is the issue's
  --huge               also the sweep at 10 M orders (an hour or more of loading)
  --only a,b           some sections of ${SECTIONS.join(', ')}
  --out file.md        where the markdown table goes (default test/bench/last-run.md)
  --keep-db name       the lists' history in MariaDB database <name>: loaded when the database is
                       missing, reused as it is when it exists, never dropped (the server's new
                       migrations still run on it). For iterating on the lists; sweeps change the
                       history, so use it with --only lists. Drop it yourself when done:
                       mysql -e 'DROP DATABASE <name>'
  --server-env K=V     an environment variable for every server the run starts, on top of the
                       bench's own (repeat it for more), e.g. --server-env INTAKE_MAX_AT_WORK=8`);
  process.exit(0);
}
const scale = SCALES[args.scale];
if (!scale) throw new Error(`--scale must be ${Object.keys(SCALES).join(' or ')}`);
const only = new Set(args.only.split(','));
for (const name of only)
  if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name}`);
for (const setting of args['server-env']) {
  const [name, ...value] = setting.split('=');
  if (!name || value.length === 0) throw new Error(`--server-env: ${setting} is not NAME=value`);
  serverEnvExtra[name] = value.join('=');
}
const sweepSizes = args.huge ? [...scale.sweeps, HUGE_SWEEP] : scale.sweeps;

const started = performance.now();
const log = (message) => {
  const elapsed = Math.round((performance.now() - started) / 1000);
  console.log(
    `[${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] ${message}`,
  );
};
const rows = [];
const add = (section, list) => rows.push(...list.map((row) => ({ section, ...row })));
/** A section that fails says so in the table; the others still run (a full run takes long). */
async function attempt(section, work) {
  try {
    await work();
  } catch (error) {
    log(`${section} failed: ${error.stack}`);
    add(section, [{ figure: 'failed', value: String(error.message).split('\n')[0] }]);
  }
}
const before = await machine();

let memory = null;
if (only.has('intake')) {
  log('section 1 and 2: intake');
  await attempt('1 intake (closed loop)', async () => {
    const intake = await benchIntake(scale.intake, log);
    add('1 intake (closed loop)', intake.rows);
    add('2 open loop', intake.open);
    memory = intake.memory;
  });
}

/** One history per size: the lists' size serves the lists and, when it is one, its sweep. */
const sizes = [
  ...new Set([
    ...(only.has('lists') ? [scale.lists.orders] : []),
    ...(only.has('sweeps') ? sweepSizes : []),
  ]),
].sort((a, b) => a - b);
const sweeps = [];
/**
 * The smallest sweep history's server, kept running (`release` stops it and drops its database)
 * while the larger ones are timed: their empty ticks alternate with its own, so the ratio between
 * them is measured under the same load on the box, not minutes apart.
 */
let reference = null;
for (const orders of sizes) {
  const files =
    orders === scale.lists.orders ? scale.lists.files : Math.round(orders * FILES_PER_ORDER);
  log(`history of ${count(orders)} orders and ${count(files)} files: loading`);
  await attempt(`history of ${count(orders)} orders`, () => benchHistory(orders, files));
}
await reference?.release();

/** Loads a history of `orders` orders, then times the lists and the sweep on it, as asked. */
async function benchHistory(orders, files) {
  const keep = args['keep-db'] && orders === scale.lists.orders;
  const database = keep ? await keptMariaDb(args['keep-db']) : await freshMariaDb('bench_history');
  const release = async (server) => {
    await server?.stop();
    if (keep) log(`history kept in database ${database.name}`);
    await database.drop();
  };
  let server = null;
  try {
    server = await startServer({
      ...database.env,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
      SIMULATED_CLOCK: 'true',
      AUTH_TOKEN_TTL_HOURS: '2000',
    });
    const now = new Date();
    const token = await devLogin(server.base, 'bench-templates');
    const loaded = database.existed
      ? await keptHistory(database.url)
      : await loadHistory({ url: database.url, base: server.base, token, orders, files, now });
    const history = `${database.existed ? `kept in ${database.name}: ` : ''}${count(loaded.rows.orders)} orders of ${count(loaded.rows.reports)} reports, ${count(loaded.rows.clocks)} clocks, ${count(loaded.rows.files)} files, ${count(loaded.rows.visits)} visits due; loaded in ${seconds(loaded.seconds * 1000)}`;
    log(history);
    if (only.has('lists') && orders === scale.lists.orders) {
      add(`3 lists at ${count(orders)} orders`, [
        { figure: 'history', value: history },
        ...(await benchLists(server.base, scale.lists, log)),
      ]);
    }
    if (only.has('sweeps') && sweepSizes.includes(orders)) {
      const result = await benchSweep({
        base: server.base,
        url: database.url,
        now,
        reference: reference?.server ?? null,
      });
      log(
        `sweep at ${count(orders)}: empty ${describeSweep(result).empty}, due ${describeSweep(result).due}`,
      );
      sweeps.push({ orders, history, result });
      if (!reference && orders < Math.max(...sweepSizes)) {
        // Left running for the larger histories; released after the last of them.
        reference = { server: result.reference, release: () => release(server) };
        return;
      }
    }
  } catch (error) {
    await release(server);
    throw error;
  }
  await release(server);
}

const smallest = sweeps[0];
for (const { orders, history, result } of sweeps) {
  const text = describeSweep(result);
  // Against the smallest history's ticks alternating with these when it ran alongside.
  const same = ratio(result.emptyMs, result.referenceMs ?? smallest.result.emptyMs);
  add('4 sweeps', [
    { figure: `history of ${count(orders)} orders`, value: history },
    {
      figure: `empty tick at ${count(orders)} orders`,
      value:
        result.referenceMs === null
          ? text.empty
          : `${text.empty}; alternating with them, the ${count(smallest.orders)} history's ${ms(result.referenceMs)}`,
      ...(orders === smallest.orders
        ? {}
        : {
            ratio: `${same.toFixed(2)}× the tick at ${count(smallest.orders)}`,
            goal: goal(
              same,
              'at most',
              SAME_COST,
              `same as at ${count(smallest.orders)} (≤ ${SAME_COST}×)`,
            ),
          }),
    },
    { figure: `tick with 1,000 due at ${count(orders)} orders`, value: text.due },
  ]);
}

if (only.has('footprint')) {
  log('section 5: footprint');
  await attempt('5 footprint', async () => add('5 footprint', await benchFootprint(memory, log)));
}

const after = await machine();
const header = [
  `# npm run bench (--scale ${args.scale}${args.huge ? ' --huge' : ''}), ${new Date().toISOString().slice(0, 16)}Z`,
  '',
  `${before.cpu}, ${before.memory}; ${before.mariadb} (${before.bufferPool}); Node ${before.node}. Load average (1/5/15 min) ${before.load} at the start, ${after.load} at the end; the whole run took ${seconds(performance.now() - started)}.${
    args['server-env'].length > 0 ? ` Servers ran with ${args['server-env'].join(' ')}.` : ''
  }`,
].join('\n');
const table = markdownTable(rows);
const out = resolve(ROOT, args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${header}\n\n${table}\n`);
console.log(`\n${header}\n\n${table}\n\n(written to ${args.out})`);
