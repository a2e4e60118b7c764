import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { flagLowRatingSql } from './low-rating';
import { REPORT_EVENT_KINDS, ReportEventEntity } from './report-event.entity';
import { ReportEntity } from './report.entity';
import { insertRowsLater } from '../database/insert-rows';

/** The report's fields the low-rating rule reads (`./low-rating`). */
const LOW_RATING_INPUTS = ['status', 'ratingScore', 'callbackScore'] as const;

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, report: ReportEntity): Promise<void> {
    await insertRowsLater(manager, ReportEntity, [report]);
  }

  async appendEvent(manager: EntityManager, event: ReportEventEntity): Promise<void> {
    await insertRowsLater(manager, ReportEventEntity, [event]);
  }

  findOwnedBy(id: string, reporterUserId: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ id, reporterUserId });
  }

  /**
   * Oldest first; events of one instant in the order of REPORT_EVENT_KINDS, so the last
   * department's result comes before the 办结 it brings.
   */
  async reporterTimeline(reportId: string): Promise<ReportEventEntity[]> {
    const events = await this.dataSource
      .getRepository(ReportEventEntity)
      .find({ where: { reportId, reporterVisible: true }, order: { at: 'ASC' } });
    return events.sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() ||
        REPORT_EVENT_KINDS.indexOf(a.kind) - REPORT_EVENT_KINDS.indexOf(b.kind),
    );
  }

  /** Reads a report to change what hangs off it; on MariaDB the row stays locked until commit. */
  lock(manager: EntityManager, id: string): Promise<ReportEntity | null> {
    const query = manager
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.id = :id', { id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  findById(manager: EntityManager | null, id: string): Promise<ReportEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ReportEntity).findOneBy({ id });
  }

  async findByIds(ids: string[], manager?: EntityManager): Promise<ReportEntity[]> {
    if (ids.length === 0) return [];
    return (manager ?? this.dataSource.manager)
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids })
      .getMany();
  }

  /**
   * A change that touches the status or a score also sets the low-rating flag of the report's
   * orders, in the same transaction and after the report's row is locked by its own update: every
   * road (closing, reopening, a rating, a call-back) keeps the queue exact without knowing of it,
   * and a concurrent change of the same report waits and is seen.
   */
  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        ReportEntity,
        | 'status'
        | 'closedAt'
        | 'ratingScore'
        | 'ratingComment'
        | 'ratedAt'
        | 'callbackScore'
        | 'callbackComment'
        | 'calledBackAt'
      >
    >,
  ): Promise<void> {
    await manager.getRepository(ReportEntity).update({ id }, changes);
    if (LOW_RATING_INPUTS.some((field) => field in changes)) {
      await manager.query(flagLowRatingSql('report_id = ?'), [id]);
    }
  }

  /** Every report linked to a child's file, newest first. */
  ofChildFile(childFileId: string): Promise<ReportEntity[]> {
    return this.dataSource
      .getRepository(ReportEntity)
      .find({ where: { childFileId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** File id → how many reports are linked to it, for the files given, in one grouped query. */
  async countsByChildFile(childFileIds: string[]): Promise<Map<string, number>> {
    if (childFileIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select('r.child_file_id', 'fileId')
      .addSelect('COUNT(*)', 'count')
      .where('r.child_file_id IN (:...childFileIds)', { childFileIds })
      .groupBy('r.child_file_id')
      .getRawMany<{ fileId: string; count: string | number }>();
    return new Map(rows.map((row) => [row.fileId, Number(row.count)]));
  }

  findByTrackingCode(trackingCode: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ trackingCode });
  }

  ownedBy(reporterUserId: string, limit: number): Promise<ReportEntity[]> {
    return this.dataSource
      .getRepository(ReportEntity)
      .find({ where: { reporterUserId }, order: { createdAt: 'DESC' }, take: limit });
  }

  countByReporter(reporterUserId: string): Promise<number> {
    return this.dataSource.getRepository(ReportEntity).countBy({ reporterUserId });
  }
}
