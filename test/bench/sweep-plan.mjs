// The deadline sweep's query plan and speed at 1 M orders, on MariaDB.
//   npm run bench:sweep [-- --orders 1000000]
// Migrates a fresh database by booting the built server once, fills `orders` with synthetic rows
// (most closed, with next_due_at null; the rest due over the next weeks), then prints EXPLAIN and
// timings of the exact statement the sweep runs, alone and with a second sweeper holding locks.
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freshMariaDb, startServer } from './harness.mjs';

const { values: args } = parseArgs({ options: { orders: { type: 'string', default: '1000000' } } });
const ORDERS = Number(args.orders);
const SWEEP_SQL =
  'SELECT * FROM orders o WHERE o.next_due_at <= ? ORDER BY o.next_due_at ASC LIMIT 50 FOR UPDATE SKIP LOCKED';

/** Boots the built server once on the empty database: its migrations make the schema. */
async function migrate(env) {
  const server = await startServer({ ...env, DIVISIONS: '3413' });
  await server.stop();
}

async function time(connection, sql, params, runs = 20) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    await connection.beginTransaction();
    const t0 = performance.now();
    await connection.query(sql, params);
    samples.push(performance.now() - t0);
    await connection.rollback();
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const database = await freshMariaDb('sweepbench');
try {
  await migrate(database.env);
  const db = await createConnection({ uri: database.url, multipleStatements: true });
  const t0 = performance.now();
  // 1 in 20 orders still has a clock running; due times spread over 30 days around now.
  await db.query(
    `INSERT INTO orders (id, report_id, department, role, unit_id, unrouted, status, priority,
       initial_priority, division_code, dispatched_at, return_due_at, extensions_granted,
       escalation_level, due_at, next_due_at, created_at)
     SELECT UUID(), UUID(), 'township', 'lead', NULL, 0,
       IF(seq % 20 = 0, 'dispatched', 'resolved'), 'P3', 'P3', '341324100',
       NOW(6), NOW(6), 0, 0,
       IF(seq % 20 = 0, NOW(6) + INTERVAL ((CAST(seq AS SIGNED) * 7919) % 43200) - 21600 MINUTE, NULL),
       IF(seq % 20 = 0, NOW(6) + INTERVAL ((CAST(seq AS SIGNED) * 7919) % 43200) - 21600 MINUTE, NULL),
       NOW(6)
     FROM seq_1_to_${ORDERS}`,
  );
  await db.query('ANALYZE TABLE orders');
  const fill = (performance.now() - t0) / 1000;
  const [[{ due }]] = await db.query(
    'SELECT COUNT(*) AS due FROM orders WHERE next_due_at <= NOW(6)',
  );
  const [[{ running }]] = await db.query(
    'SELECT COUNT(*) AS running FROM orders WHERE next_due_at IS NOT NULL',
  );
  const [plan] = await db.query(`EXPLAIN ${SWEEP_SQL}`, [new Date()]);
  const alone = await time(db, SWEEP_SQL, [new Date()]);

  const other = await createConnection({ uri: database.url });
  await other.beginTransaction();
  const [first] = await other.query(SWEEP_SQL, [new Date()]);
  const withSecond = await time(db, SWEEP_SQL, [new Date()]);
  await db.beginTransaction();
  const [second] = await db.query(SWEEP_SQL, [new Date()]);
  await db.rollback();
  await other.rollback();
  await other.end();
  const firstIds = new Set(first.map((row) => row.id));
  const shared = second.filter((row) => firstIds.has(row.id)).length;

  console.log(
    `sweep query at ${ORDERS.toLocaleString()} orders (${running.toLocaleString()} with a running clock, ${due.toLocaleString()} due now)`,
  );
  console.log(`  fill: ${fill.toFixed(1)} s`);
  console.log('  EXPLAIN:');
  for (const row of plan) {
    console.log(`    type=${row.type} key=${row.key} rows=${row.rows} Extra=${row.Extra}`);
  }
  console.log(`  median time, one sweeper:             ${alone.toFixed(2)} ms`);
  console.log(
    `  median time, second sweeper (SKIP LOCKED past the first's 50 rows): ${withSecond.toFixed(2)} ms`,
  );
  console.log(
    `  rows the two sweepers' batches share: ${shared} (of ${first.length} and ${second.length})`,
  );
  await db.end();
} finally {
  await database.drop();
}
