import { Injectable } from '@nestjs/common';
import {
  DataSource,
  In,
  type EntityManager,
  type SelectQueryBuilder,
  type ObjectLiteral,
} from 'typeorm';
import { ReportEntity } from '../reports/report.entity';
import {
  ChildFileCountEntity,
  ChildFileEntity,
  ChildFileEventEntity,
  ChildIdentityKeyEntity,
} from './child-file.entity';
import { insertRows } from '../database/insert-rows';
import { selectRows } from '../database/select-rows';
import { TransactionRunner, type TransactionScope } from '../database/transaction-runner';

/** Where a file counts in `child_file_counts`: its place, category list as stored, and status. */
type CountKey = Pick<ChildFileCountEntity, 'divisionCode' | 'categories' | 'status'>;

/** How a transaction moves one kept count: `delta` files more (less when negative) under `key`. */
interface CountMove {
  key: CountKey;
  delta: number;
}

/** Keys in one total order (place, list, status), the order every transaction locks them in. */
function byKey(a: CountMove, b: CountMove): number {
  const [x, y] = [a.key, b.key];
  for (const field of ['divisionCode', 'categories', 'status'] as const) {
    if (x[field] !== y[field]) return x[field] < y[field] ? -1 : 1;
  }
  return 0;
}

/**
 * Row locks only on MariaDB/MySQL: SQLite has one writer and the transaction runner queues
 * transactions, so nothing reads between another transaction's write and its commit there.
 */
function locked<T extends ObjectLiteral>(
  manager: EntityManager,
  query: SelectQueryBuilder<T>,
  mode: 'pessimistic_read' | 'pessimistic_write',
): SelectQueryBuilder<T> {
  return manager.connection.options.type === 'better-sqlite3' ? query : query.setLock(mode);
}

/**
 * Every write of a child file goes through here, and with it the kept counts of files
 * (`ChildFileCountEntity`): each write of a file's place, categories or status moves them in the
 * same transaction. Other writes of `child_files` (the next visit's due time, the sealed columns'
 * purge and reseal, the 控辍保学 enlistment) touch none of the counted columns.
 */
@Injectable()
export class ChildFilesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The kept counts each open transaction moves, by key, written just before it commits. */
  private readonly countMoves = new WeakMap<TransactionScope, CountMove[]>();

  /**
   * Inserts the keys for `candidateFileId`, leaving keys already filed as they are, and returns
   * the other files the keys already point to. Insert first, then read: the insert (or, for a
   * key already there, the no-op update) takes each key's row lock, in sorted order so two
   * reports never wait on each other crosswise. A simultaneous report about the same child waits
   * on the first key until this transaction commits, then finds the file this one made. When the
   * database says every key was new (MariaDB, two keys or more), no other file has them and the
   * read is skipped: most reports are about a child seen for the first time.
   */
  async claimKeys(
    manager: EntityManager,
    candidateFileId: string,
    keyHashes: string[],
  ): Promise<string[]> {
    const keys = [...new Set(keyHashes)].sort();
    if (keys.length === 0) return [];
    const taken = await insertRows(
      manager,
      ChildIdentityKeyEntity,
      keys.map((keyHash) => ({ keyHash, childFileId: candidateFileId })),
      'lock',
    );
    if (taken === 0) return [];
    // A locking read sees the latest committed rows, not the transaction's snapshot.
    const rows = await selectRows(
      manager,
      ChildIdentityKeyEntity,
      { keyHash: keys },
      { lock: 'write' },
    );
    return [...new Set(rows.map((row) => row.childFileId))].filter((id) => id !== candidateFileId);
  }

  /** Points the keys this transaction claimed for `fromFileId` at `toFileId`. */
  async moveKeys(
    manager: EntityManager,
    fromFileId: string,
    toFileId: string,
    keyHashes: string[],
  ): Promise<void> {
    if (keyHashes.length === 0) return;
    await manager
      .getRepository(ChildIdentityKeyEntity)
      .update({ childFileId: fromFileId, keyHash: In(keyHashes) }, { childFileId: toFileId });
  }

  /** The file made first among `fileIds` (creation time, then id). */
  async oldestFile(manager: EntityManager, fileIds: string[]): Promise<string> {
    const oldest = await locked(
      manager,
      manager
        .getRepository(ChildFileEntity)
        .createQueryBuilder('f')
        .where({ id: In(fileIds) })
        .orderBy('f.createdAt')
        .addOrderBy('f.id')
        .limit(1),
      'pessimistic_read',
    ).getOneOrFail();
    return oldest.id;
  }

  findById(id: string): Promise<ChildFileEntity | null> {
    return this.dataSource.getRepository(ChildFileEntity).findOneBy({ id });
  }

  /** Inserts the file; it counts under its place, categories and status from the commit on. */
  async createFile(manager: EntityManager, file: ChildFileEntity): Promise<void> {
    await insertRows(manager, ChildFileEntity, [file]);
    await this.moveCounts(manager, [{ key: this.countKeyOf(manager, file), delta: 1 }]);
  }

  /** The file, locked until the transaction ends, so two changes to it never interleave. */
  async lockFile(manager: EntityManager, id: string): Promise<ChildFileEntity | null> {
    return locked(
      manager,
      manager.getRepository(ChildFileEntity).createQueryBuilder('f').where({ id }),
      'pessimistic_write',
    ).getOne();
  }

  /**
   * Writes every column of the stored file `file.id`, and moves it in the kept counts from where
   * the stored row counted (read by a locking read: the latest committed row, not the
   * transaction's snapshot) to where `file` counts.
   */
  async saveFile(manager: EntityManager, file: ChildFileEntity): Promise<void> {
    const { id, ...fields } = file;
    const sqlite = manager.connection.options.type === 'better-sqlite3';
    const [stored] = (await manager.query(
      `SELECT division_code AS divisionCode, categories, status FROM child_files WHERE id = ?${
        sqlite ? '' : ' FOR UPDATE'
      }`,
      [id],
    )) as CountKey[];
    await manager.getRepository(ChildFileEntity).update({ id }, fields);
    if (!stored) return;
    await this.moveCounts(manager, [
      { key: stored, delta: -1 },
      { key: this.countKeyOf(manager, file), delta: 1 },
    ]);
  }

  /**
   * Puts an active file that is not on the 控辍保学 list on it as 劝返中, since `at`; true if it
   * did. One conditional update, so a change a keeper made meanwhile is never overwritten.
   */
  async enlistDropout(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ChildFileEntity)
      .set({ dropoutState: 'persuading', dropoutSince: at, updatedAt: at })
      .where('id = :id AND status = :active AND dropout_state IS NULL', { id, active: 'active' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Appends to the file's own timeline, in the transaction of the change it records. */
  async appendEvent(manager: EntityManager, event: ChildFileEventEntity): Promise<void> {
    await insertRows(manager, ChildFileEventEntity, [event]);
  }

  /** Many timeline lines in one statement (a sweep's batch). */
  async appendEvents(manager: EntityManager, events: ChildFileEventEntity[]): Promise<void> {
    if (events.length === 0) return;
    await insertRows(manager, ChildFileEventEntity, events);
  }

  /**
   * Whether any of the files has an open report, or one closed after `closedSince`. A locking
   * read, so a report committed by a simultaneous intake about the same child is seen.
   */
  async hasRecentReport(
    manager: EntityManager,
    fileIds: string[],
    closedSince: Date,
  ): Promise<boolean> {
    if (fileIds.length === 0) return false;
    const recent = await locked(
      manager,
      manager
        .getRepository(ReportEntity)
        .createQueryBuilder('r')
        .select('r.id')
        .where({ childFileId: In(fileIds) })
        .andWhere('(r.status <> :closed OR r.closedAt > :closedSince)', {
          closed: 'closed',
          closedSince,
        })
        .limit(1),
      'pessimistic_read',
    ).getOne();
    return recent !== null;
  }

  /** Where `file` counts: its categories as the column stores them (its transformer's text). */
  private countKeyOf(manager: EntityManager, file: ChildFileEntity): CountKey {
    const column = manager.connection
      .getMetadata(ChildFileEntity)
      .findColumnWithPropertyName('categories')!;
    return {
      divisionCode: file.divisionCode,
      categories: manager.connection.driver.preparePersistentValue(
        file.categories,
        column,
      ) as string,
      status: file.status,
    };
  }

  /**
   * Adds `moves` to the transaction's moves of the kept counts, written once among its last
   * statements, before the audit chain's (a village's rows stay locked from then to the commit
   * only); at once in a transaction the TransactionRunner does not run.
   */
  private async moveCounts(manager: EntityManager, moves: CountMove[]): Promise<void> {
    const transaction = this.transactions.scopeOf(manager);
    if (!transaction) return this.writeCounts(manager, moves);
    const pending = this.countMoves.get(transaction);
    if (pending) {
      pending.push(...moves);
      return;
    }
    const queued = [...moves];
    this.countMoves.set(transaction, queued);
    transaction.beforeCommit((m) => this.writeCounts(m, queued), 'child-file-counts');
  }

  /**
   * One upsert adding the moves' net delta to each key's count (a new row starts at it), keys in
   * `byKey` order so two transactions never lock them crosswise; moves that cancel out (a file
   * saved where it already counted) write nothing.
   */
  private async writeCounts(manager: EntityManager, moves: CountMove[]): Promise<void> {
    const net = new Map<string, CountMove>();
    for (const { key, delta } of moves) {
      const name = JSON.stringify([key.divisionCode, key.categories, key.status]);
      const move = net.get(name) ?? { key, delta: 0 };
      move.delta += delta;
      net.set(name, move);
    }
    const rows = [...net.values()].filter((move) => move.delta !== 0).sort(byKey);
    if (rows.length === 0) return;
    const sqlite = manager.connection.options.type === 'better-sqlite3';
    await manager.query(
      `INSERT INTO child_file_counts (division_code, categories, status, count) VALUES ${rows
        .map(() => '(?, ?, ?, ?)')
        .join(', ')} ${
        sqlite
          ? 'ON CONFLICT (division_code, categories, status) DO UPDATE SET count = count + excluded.count'
          : 'ON DUPLICATE KEY UPDATE count = count + VALUES(count)'
      }`,
      rows.flatMap(({ key, delta }) => [key.divisionCode, key.categories, key.status, delta]),
    );
  }
}
