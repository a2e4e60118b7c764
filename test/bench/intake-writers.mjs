// Two ways to write the rows of one intake (intake-plan.mjs), one transaction per report on a
// pool of 10 connections, as yardsticks for POST /reports:
// - the ceiling: the raw mysql2 driver, one statement per table (multi-row where a table takes
//   several rows), the order counts, the clock counts, the kept count of files and then the
//   audit-chain head last, just before commit;
// - the naive baseline: TypeORM `save()` of each row on the server's own entities, in the same
//   order (TypeORM reads each row by its key before inserting it).
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { createPool } from 'mysql2/promise';
import { DataSource, In } from 'typeorm';
import { ROOT } from './harness.mjs';
import { chainAudit, intakeContext, planIntake } from './intake-plan.mjs';

const server = createRequire(`${ROOT}/server/dist/`);
const { ENTITIES } = server('./database/entities.js');
const { clockCountKey } = server('./orders/clock-counts.repository.js');
const entity = (name) => ENTITIES.find((e) => e.name === name);

const POOL_SIZE = 10;
const HEAD_ID = 1;
/** The tables in the order both writers fill them; the audit rows come last, under the head lock. */
const WRITE_ORDER = [
  'ChildFileEntity',
  'ChildFileEventEntity',
  'ReportEntity',
  'ReportEventEntity',
  'OrderEntity',
  'OrderClockEntity',
  'OrderEventEntity',
  'InboxMessageEntity',
  'SmsMessageEntity',
];

async function metadata() {
  const source = new DataSource({ type: 'mariadb', database: 'metadata-only', entities: ENTITIES });
  await source.buildMetadatas();
  return source;
}

/** `INSERT INTO t (columns) VALUES (...), (...)` for rows of an entity, values as TypeORM stores them. */
function inserter(source, name, { ignore = false } = {}) {
  const meta = source.getMetadata(entity(name));
  // The columns the server's inserts set: one TypeORM never inserts (e.g. `orders.low_rating`,
  // which the database fills) keeps its default.
  const columns = meta.columns.filter((c) => c.isInsert && !c.isVirtual);
  const sql = `INSERT ${ignore ? 'IGNORE ' : ''}INTO \`${meta.tableName}\` (${columns
    .map((c) => `\`${c.databaseName}\``)
    .join(', ')}) VALUES ?`;
  const value = (column, row) => {
    const raw = column.getEntityValue(row);
    const stored = column.transformer ? column.transformer.to(raw) : raw;
    return stored === undefined ? null : stored;
  };
  return (rows) => [sql, [rows.map((row) => columns.map((c) => value(c, row)))]];
}

/**
 * The order counts' upsert the server writes at commit, first of the before-commit steps: one row per
 * unit ('' for none) and division, keys in the server's order (`order-counts.repository.ts`).
 */
function orderCounts(orders) {
  const byPlace = new Map();
  for (const order of orders) {
    const key = `${order.unitId ?? ''}\u0000${order.divisionCode}`;
    const row = byPlace.get(key) ?? [order.unitId ?? '', order.divisionCode, 0];
    row[2] += 1;
    byPlace.set(key, row);
  }
  const rows = [...byPlace.values()].sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
  );
  return [
    'INSERT INTO order_counts (unit_key, division_code, n) VALUES ? ON DUPLICATE KEY UPDATE n = n + VALUES(n)',
    [rows],
  ];
}

/**
 * The clock counts' upsert the server writes next (`ClockCountsRepository`): one row per key of
 * the new clocks (`clockCountKey`), keys in the server's order, column by column.
 */
function clockCounts(clocks) {
  const byKey = new Map();
  for (const clock of clocks) {
    const key = clockCountKey(clock);
    const name = JSON.stringify(key);
    const row = byKey.get(name) ?? [...key, 0];
    row[key.length] += 1;
    byKey.set(name, row);
  }
  const rows = [...byKey.values()].sort((a, b) => {
    const at = a.findIndex((value, i) => value !== b[i]);
    return at === -1 ? 0 : a[at] < b[at] ? -1 : 1;
  });
  return [
    `INSERT INTO clock_counts (month, division_code, unit_key, clock, interrupted, stopped, overdue, escalated, minutes, n)
     VALUES ? ON DUPLICATE KEY UPDATE n = n + VALUES(n)`,
    [rows],
  ];
}

/**
 * The kept count of files a new file moves (`ChildFilesRepository`), as the server writes it
 * after the order counts and before the audit-chain head; null when the intake links an existing file.
 */
function countNewFile(plan) {
  const [file] = plan.rows.ChildFileEntity;
  if (!file) return null;
  return [
    `INSERT INTO child_file_counts (division_code, categories, status, count) VALUES (?, ?, ?, 1)
     ON DUPLICATE KEY UPDATE count = count + VALUES(count)`,
    [file.divisionCode, JSON.stringify(file.categories), file.status],
  ];
}

function isDeadlock(error) {
  return error?.code === 'ER_LOCK_DEADLOCK' || error?.driverError?.code === 'ER_LOCK_DEADLOCK';
}

/** Runs `work` again when MariaDB chose it as a deadlock victim (rolled back whole), as the server does. */
async function retryingDeadlocks(work) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * The ceiling on the database at `url`: `file({ body, userId, idempotencyKey })` writes one
 * intake and resolves 'ok'.
 */
export async function openCeiling(url) {
  const pool = createPool({
    uri: url,
    connectionLimit: POOL_SIZE,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  });
  const context = await intakeContext(pool);
  const source = await metadata();
  const insert = Object.fromEntries(
    [...WRITE_ORDER, 'IdempotencyKeyEntity', 'AuditEntryEntity'].map((name) => [
      name,
      inserter(source, name, { ignore: name === 'SmsMessageEntity' }),
    ]),
  );
  const keyTable = source.getMetadata(entity('IdempotencyKeyEntity'));
  const responseBody = keyTable.findColumnWithPropertyName('responseBody');

  async function file(input) {
    const plan = planIntake(context, { ...input, now: new Date() });
    await retryingDeadlocks(async () => {
      const db = await pool.getConnection();
      try {
        await db.query('START TRANSACTION');
        await db.query(...insert.IdempotencyKeyEntity(plan.rows.IdempotencyKeyEntity));
        if (plan.identityKeys.length > 0) {
          await db.query(
            'INSERT INTO child_identity_keys (key_hash, child_file_id) VALUES ? ON DUPLICATE KEY UPDATE key_hash = key_hash',
            [plan.identityKeys.map((key) => [key, plan.childFileId])],
          );
          await db.query(
            'SELECT child_file_id FROM child_identity_keys WHERE key_hash IN (?) FOR UPDATE',
            [plan.identityKeys],
          );
        }
        for (const name of WRITE_ORDER) {
          if (plan.rows[name].length > 0) await db.query(...insert[name](plan.rows[name]));
        }
        await db.query(
          'UPDATE idempotency_keys SET response_status = 201, response_body = ? WHERE idempotency_key = ?',
          [responseBody.transformer.to(plan.response), plan.key],
        );
        if (plan.rows.OrderEntity.length > 0) {
          await db.query(...orderCounts(plan.rows.OrderEntity));
          await db.query(...clockCounts(plan.rows.OrderClockEntity));
        }
        const counted = countNewFile(plan);
        if (counted) await db.query(...counted);
        const [[head]] = await db.query(
          'SELECT seq, hash FROM audit_head WHERE id = ? FOR UPDATE',
          [HEAD_ID],
        );
        const chained = chainAudit(head, plan.audits);
        await db.query(...insert.AuditEntryEntity(chained.rows));
        await db.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = ?', [
          chained.head.seq,
          chained.head.hash,
          HEAD_ID,
        ]);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        db.release();
      }
    });
    return 'ok';
  }
  return { file, close: () => pool.end() };
}

/**
 * The naive baseline on the database at `url`: the same rows, each through `manager.save()` in
 * one TypeORM transaction, the head read with a pessimistic write lock.
 */
export async function openNaive(url) {
  const contextPool = createPool({ uri: url, connectionLimit: 1, timezone: 'Z' });
  const context = await intakeContext(contextPool);
  await contextPool.end();
  const source = new DataSource({
    type: 'mariadb',
    url,
    entities: ENTITIES,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: POOL_SIZE,
    synchronize: false,
  });
  await source.initialize();
  const Keys = entity('ChildIdentityKeyEntity');
  const Head = entity('AuditHeadEntity');

  async function file(input) {
    const plan = planIntake(context, { ...input, now: new Date() });
    await retryingDeadlocks(() =>
      source.transaction(async (manager) => {
        const [idempotency] = plan.rows.IdempotencyKeyEntity;
        await manager.save(entity('IdempotencyKeyEntity'), idempotency);
        for (const keyHash of plan.identityKeys) {
          await manager.save(Keys, { keyHash, childFileId: plan.childFileId });
        }
        if (plan.identityKeys.length > 0) {
          await manager.find(Keys, {
            where: { keyHash: In(plan.identityKeys) },
            lock: { mode: 'pessimistic_write' },
          });
        }
        for (const name of WRITE_ORDER) {
          for (const row of plan.rows[name]) await manager.save(entity(name), row);
        }
        await manager.save(entity('IdempotencyKeyEntity'), {
          ...idempotency,
          responseStatus: 201,
          responseBody: plan.response,
        });
        if (plan.rows.OrderEntity.length > 0) {
          await manager.query(...orderCounts(plan.rows.OrderEntity));
          await manager.query(...clockCounts(plan.rows.OrderClockEntity));
        }
        const counted = countNewFile(plan);
        if (counted) await manager.query(...counted);
        const head = await manager.findOne(Head, {
          where: { id: HEAD_ID },
          lock: { mode: 'pessimistic_write' },
        });
        const chained = chainAudit(head, plan.audits);
        for (const row of chained.rows) await manager.save(entity('AuditEntryEntity'), row);
        await manager.save(Head, { id: HEAD_ID, ...chained.head });
      }),
    );
    return 'ok';
  }
  return { file, close: () => source.destroy() };
}
