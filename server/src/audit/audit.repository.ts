import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { chainHash, type AuditRecord, type ChainedRow } from './audit-chain';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditHeadEntity } from './audit-head.entity';
import { ReportEntity } from '../reports/report.entity';
import type { ReportOfRow } from './audit-actors';

const HEAD_ID = 1;
const VERIFY_BATCH = 1000;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one row inside the caller's transaction. The head row is locked until that transaction
   * ends, so concurrent appends are serialized and each links to the one before. (SQLite runs one
   * transaction at a time anyway and has no row locks.)
   */
  async append(manager: EntityManager, build: (seq: number) => AuditRecord): Promise<void> {
    const query = manager
      .getRepository(AuditHeadEntity)
      .createQueryBuilder('head')
      .where('head.id = :id', { id: HEAD_ID });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    const head = await query.getOneOrFail();
    const record = build(head.seq + 1);
    const hash = chainHash(head.hash, record);
    await manager.getRepository(AuditEntryEntity).insert({ ...record, prevHash: head.hash, hash });
    await manager.getRepository(AuditHeadEntity).update({ id: HEAD_ID }, { seq: record.seq, hash });
  }

  async page(
    divisionPrefixes: readonly string[] | 'all',
    offset: number,
    limit: number,
  ): Promise<[AuditEntryEntity[], number]> {
    const query = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('entry')
      .orderBy('entry.seq', 'DESC')
      .skip(offset)
      .take(limit);
    if (divisionPrefixes !== 'all') {
      query.where(
        new Brackets((where) => {
          divisionPrefixes.forEach((prefix, i) =>
            where.orWhere(`entry.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` }),
          );
        }),
      );
    }
    return query.getManyAndCount();
  }

  /** What the listing needs of the reports its rows are about (not their sealed details). */
  async reportsOfRows(ids: readonly string[]): Promise<ReportOfRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select([
        'r.id',
        'r.reporterUserId',
        'r.reporterAnonymous',
        'r.reporterConfidential',
        'r.channel',
        'r.divisionCode',
      ])
      .where('r.id IN (:...ids)', { ids })
      .getMany();
    return rows.map((r) => ({
      id: r.id,
      reporterUserId: r.reporterUserId,
      anonymous: r.reporterAnonymous,
      confidential: r.reporterConfidential,
      channel: r.channel,
      divisionCode: r.divisionCode,
    }));
  }

  head(): Promise<AuditHeadEntity> {
    return this.dataSource.getRepository(AuditHeadEntity).findOneByOrFail({ id: HEAD_ID });
  }

  /** Every row in sequence order, read in batches so a long log does not fill memory. */
  async *all(): AsyncGenerator<ChainedRow> {
    let after = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('entry')
        .where('entry.seq > :after', { after })
        .orderBy('entry.seq', 'ASC')
        .take(VERIFY_BATCH)
        .getMany();
      if (batch.length === 0) return;
      yield* batch;
      after = batch[batch.length - 1].seq;
    }
  }
}
