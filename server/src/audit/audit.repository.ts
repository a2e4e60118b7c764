import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { chainHash, type ChainedRow, type UnchainedRecord } from './audit-chain';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditHeadEntity } from './audit-head.entity';
import { ReportEntity } from '../reports/report.entity';
import type { ReportOfRow } from './audit-actors';
import { insertRowsLater } from '../database/insert-rows';
import { selectRows, updateRowsLater } from '../database/select-rows';

const HEAD_ID = 1;
const VERIFY_BATCH = 1000;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends `records`, in order, inside the caller's transaction, in three statements: the head
   * read and locked, the rows in one insert, the head moved (the last two held to go with the
   * commit's other writes, `writeLater`). The head row stays locked until that transaction ends,
   * so concurrent appends are serialized and each links to the one before: append as the
   * transaction's last statements to hold it for the shortest time. (SQLite runs one transaction
   * at a time anyway and has no row locks.)
   */
  async append(manager: EntityManager, records: readonly UnchainedRecord[]): Promise<void> {
    if (records.length === 0) return;
    const [head] = await selectRows(manager, AuditHeadEntity, { id: HEAD_ID }, { lock: 'write' });
    if (!head) throw new Error('the audit chain has no head row');
    let { seq, hash } = head;
    const rows = records.map((record) => {
      const chained = { ...record, seq: ++seq };
      const prevHash = hash;
      hash = chainHash(prevHash, chained);
      return { ...chained, prevHash, hash };
    });
    await insertRowsLater(manager, AuditEntryEntity, rows);
    await updateRowsLater(manager, AuditHeadEntity, { seq, hash }, { id: HEAD_ID });
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
