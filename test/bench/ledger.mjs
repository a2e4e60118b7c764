// The 台账 (GET /stats/ledger.xlsx) at 100,000 reports, on MariaDB.
//   npm run bench:ledger [-- --reports 100000]
// Starts the built server on a fresh database (dropped afterwards), files one report through the
// API, copies it (its sealed child and reporter, orders and clocks) into `--reports` reports
// spread over the first half of 2026 with multi-row INSERT … SELECTs, then downloads the county
// coordinator's ledger of 2026 through HTTP and prints rows, seconds, MB, the server's peak RSS
// (VmHWM of its process) and its RSS sampled along the download.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { readFileSync } from 'node:fs';
import { devLogin, freshMariaDb, rss, startServer } from './harness.mjs';

const { values: args } = parseArgs({ options: { reports: { type: 'string', default: '100000' } } });
const REPORTS = Number(args.reports);
const COUNTY = '341324';

/** Seconds of CPU a process has used (user and system; Linux /proc, 100 ticks a second). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** How often the server's RSS is read during the download. */
const SAMPLE_MS = 100;

/**
 * The highest RSS sampled while each tenth of the file went out: the report rows make nearly all
 * of its bytes, so at 100,000 reports the 20 % mark is about the 20,000th row.
 */
function rssAlong(samples, total) {
  const tenths = Array.from({ length: 10 }, () => 0);
  for (const { bytes, mb } of samples) {
    const tenth = Math.min(9, Math.floor((bytes / total) * 10));
    tenths[tenth] = Math.max(tenths[tenth], mb);
  }
  return tenths.map((mb, i) => `${(i + 1) * 10}%: ${mb.toFixed(0)}`).join(', ');
}

const database = await freshMariaDb('ledgerbench');
let server;
try {
  server = await startServer({ ...database.env, DIVISIONS: '3413' });
  const db = await createConnection({ uri: database.url, multipleStatements: true });
  const unitId = randomUUID();
  await db.query(
    `INSERT INTO units (id, name, department, parent_id, duty_phone, created_at)
     VALUES (?, '泗县联席办', 'coordinator', NULL, NULL, NOW(6))`,
    [unitId],
  );
  await db.query('INSERT INTO unit_divisions (unit_id, division_prefix) VALUES (?, ?)', [
    unitId,
    COUNTY,
  ]);
  const coordinator = await devLogin(server.base, 'bench-coordinator');
  await db.query(
    "UPDATE users SET unit_id = ?, unit_role = 'coordinator' WHERE openid = 'bench-coordinator'",
    [unitId],
  );
  const reporter = await devLogin(server.base, 'bench-reporter');
  const filed = await fetch(`${server.base}/reports`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${reporter}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      channel: 'public',
      situations: ['dropout', 'violence_abuse'],
      immediateDanger: false,
      description: '孩子已经两周没有来上学。',
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
      location: { divisionCode: '341324100203', address: '关庙村三组' },
      child: { name: '王小红', gender: 'female', idNumber: '341324201501011232' },
      reporter: { anonymous: false, confidential: true, name: '李老师', phone: '13800000001' },
    }),
  });
  if (filed.status !== 201) throw new Error(`report: ${filed.status} ${await filed.text()}`);
  const template = (await filed.json()).id;

  const t0 = performance.now();
  const columns = (await db.query('SHOW COLUMNS FROM reports'))[0].map((c) => c.Field);
  const copied = columns.map((c) =>
    c === 'id'
      ? 'UUID()'
      : c === 'tracking_code'
        ? "CONCAT('B', LPAD(s.seq, 9, '0'))"
        : c === 'created_at'
          ? "TIMESTAMP('2026-01-01') + INTERVAL (s.seq * 150) SECOND"
          : c === 'discovered_at'
            ? "TIMESTAMP('2026-01-01') + INTERVAL (s.seq * 150) SECOND - INTERVAL (s.seq % 48) HOUR"
            : c === 'child_file_id'
              ? 'NULL'
              : `t.${c}`,
  );
  await db.query(
    `INSERT INTO reports (${columns.join(', ')})
     SELECT ${copied.join(', ')} FROM seq_1_to_${REPORTS} s CROSS JOIN reports t WHERE t.id = ?`,
    [template],
  );
  const orderColumns = (await db.query('SHOW COLUMNS FROM orders'))[0].map((c) => c.Field);
  await db.query(
    `INSERT INTO orders (${orderColumns.join(', ')})
     SELECT ${orderColumns
       .map((c) =>
         c === 'id'
           ? 'UUID()'
           : c === 'report_id'
             ? 'r.id'
             : c === 'created_at'
               ? 'r.created_at'
               : `t.${c}`,
       )
       .join(', ')}
     FROM reports r CROSS JOIN orders t WHERE t.report_id = ? AND r.id <> ?`,
    [template, template],
  );
  await db.query(
    `INSERT INTO order_clocks (order_id, clock, started_at, due_at, stage, stopped_at, unit_id, division_code)
     SELECT o.id, c.clock, o.created_at, o.created_at + INTERVAL 1 DAY, c.stage,
       IF(o.created_at < '2026-03-01', o.created_at + INTERVAL (CAST(RAND() * 40 AS SIGNED)) HOUR, NULL),
       o.unit_id, o.division_code
     FROM orders o JOIN orders t ON t.report_id = ? AND t.department = o.department
     JOIN order_clocks c ON c.order_id = t.id WHERE o.report_id <> ?`,
    [template, template],
  );
  // Statistics as a database that grew by use has them; right after the bulk load they still
  // describe empty tables, and the optimizer then scans every order for each page's orders.
  await db.query('ANALYZE TABLE reports, orders, order_clocks');
  const [[{ orders }]] = await db.query('SELECT COUNT(*) AS orders FROM orders');
  const [[{ inPeriod }]] = await db.query(
    "SELECT COUNT(*) AS inPeriod FROM reports WHERE created_at >= '2025-12-31 16:00' AND created_at < '2026-12-31 16:00'",
  );
  console.log(
    `loaded ${REPORTS} reports, ${orders} orders in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const before = server.rss();
  const cpuBefore = cpuSeconds(server.pid);
  const t1 = performance.now();
  let bytes = 0;
  const samples = [];
  const sampler = setInterval(() => samples.push({ bytes, mb: rss(server.pid).now }), SAMPLE_MS);
  const response = await fetch(`${server.base}/stats/ledger.xlsx?from=2026-01-01&to=2026-12-31`, {
    headers: { authorization: `Bearer ${coordinator}` },
  });
  if (response.status !== 200)
    throw new Error(`ledger: ${response.status} ${await response.text()}`);
  let firstByte = null;
  for await (const chunk of response.body) {
    firstByte ??= performance.now() - t1;
    bytes += chunk.length;
  }
  clearInterval(sampler);
  const seconds = (performance.now() - t1) / 1000;
  const after = server.rss();
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  console.log(
    [
      `rows (reports of 2026 in the ledger): ${inPeriod}`,
      `seconds: ${seconds.toFixed(1)} (first byte after ${(firstByte / 1000).toFixed(2)} s; the server's CPU ${cpu.toFixed(1)} s)`,
      `MB written: ${(bytes / 1024 / 1024).toFixed(1)}`,
      `server RSS: ${before.now.toFixed(0)} MB before, ${after.now.toFixed(0)} MB after, peak ${after.peak.toFixed(0)} MB (peak before the download ${before.peak.toFixed(0)} MB)`,
      `server RSS as the rows went out (share of the bytes: MB): ${rssAlong(samples, bytes)}`,
    ].join('\n'),
  );
  await db.end();
} finally {
  await server?.stop();
  await database.drop();
}
