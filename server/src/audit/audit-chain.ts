import type { Role } from '@shouhu/shared';
import { createHash } from 'node:crypto';

/** The hash the first row links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row says; `seq` and the hashes are the chain around it. */
export interface AuditRecord {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorRoles: Role[];
  actorUnitId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  divisionCode: string | null;
  ip: string | null;
  detail: object | null;
}

/**
 * Each row's hash covers its own content and the previous row's hash, so changing, removing or
 * reordering any row breaks every hash after it.
 */
export function chainHash(prevHash: string, record: AuditRecord): string {
  const content = JSON.stringify([
    prevHash,
    record.seq,
    record.at.toISOString(),
    record.actorUserId,
    record.actorRoles,
    record.actorUnitId,
    record.action,
    record.targetType,
    record.targetId,
    record.divisionCode,
    record.ip,
    record.detail,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** A row before the chain places it: its `seq` is the head's next when it is appended. */
export type UnchainedRecord = Omit<AuditRecord, 'seq'>;

export interface ChainedRow extends AuditRecord {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; brokenSeq: number; reason: string };

/** Walks rows in sequence order and names the first one that does not fit the chain. */
export async function verifyChain(
  rows: AsyncIterable<ChainedRow> | Iterable<ChainedRow>,
  head?: { seq: number; hash: string },
): Promise<ChainVerdict> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      return {
        intact: false,
        rows: count,
        brokenSeq: row.seq,
        reason: `expected row ${expectedSeq}, found ${row.seq} (a row is missing)`,
      };
    }
    if (row.prevHash !== expectedPrev) {
      return {
        intact: false,
        rows: count,
        brokenSeq: row.seq,
        reason: 'does not link to the row before it',
      };
    }
    if (chainHash(row.prevHash, row) !== row.hash) {
      return {
        intact: false,
        rows: count,
        brokenSeq: row.seq,
        reason: 'its content does not match its hash',
      };
    }
    expectedPrev = row.hash;
    expectedSeq++;
  }
  if (head && (head.seq !== count || head.hash !== expectedPrev)) {
    return {
      intact: false,
      rows: count,
      brokenSeq: count + 1,
      reason: `the log ends at row ${count} but ${head.seq} rows were written (rows were removed from the end)`,
    };
  }
  return { intact: true, rows: count };
}
