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
import { insertRows, insertRowsLater } from '../database/insert-rows';
import { selectRows } from '../database/select-rows';
import { KeptCounts } from '../database/kept-counts';
import { TransactionRunner } from '../database/transaction-runner';

/** Where a file counts in `child_file_counts`: its place, category list as stored, and status. */
type CountKey = Pick<ChildFileCountEntity, 'divisionCode' | 'categories' | 'status'>;

/** The kept row's key, in the order of its key columns. */
function countKey({ divisionCode, categories, status }: CountKey): string[] {
  return [divisionCode, categories, status];
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
  private readonly counts: KeptCounts;

  constructor(
    private readonly dataSource: DataSource,
    transactions: TransactionRunner,
  ) {
    // Before the audit chain's: a village's rows stay locked from the upsert to the commit only.
    this.counts = new KeptCounts(transactions, {
      table: 'child_file_counts',
      keyColumns: ['division_code', 'categories', 'status'],
      countColumn: 'count',
      lock: 'child-file-counts',
    });
  }

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
    await insertRowsLater(manager, ChildFileEntity, [file]);
    await this.counts.move(manager, [{ key: this.countKeyOf(manager, file), n: 1 }]);
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
    await this.counts.move(manager, [
      { key: countKey(stored), n: -1 },
      { key: this.countKeyOf(manager, file), n: 1 },
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
    await insertRowsLater(manager, ChildFileEventEntity, [event]);
  }

  /** Many timeline lines in one statement (a sweep's batch). */
  async appendEvents(manager: EntityManager, events: ChildFileEventEntity[]): Promise<void> {
    if (events.length === 0) return;
    await insertRowsLater(manager, ChildFileEventEntity, events);
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
  private countKeyOf(manager: EntityManager, file: ChildFileEntity): string[] {
    const column = manager.connection
      .getMetadata(ChildFileEntity)
      .findColumnWithPropertyName('categories')!;
    return countKey({
      divisionCode: file.divisionCode,
      categories: manager.connection.driver.preparePersistentValue(
        file.categories,
        column,
      ) as string,
      status: file.status,
    });
  }
}
