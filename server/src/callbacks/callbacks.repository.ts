import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportEventEntity } from '../reports/report-event.entity';
import { ReportEntity } from '../reports/report.entity';

/** How many callbacks one page lists; a desk works through them oldest first. */
const LIST_LIMIT = 100;

@Injectable()
export class CallbacksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Closed hotline reports the operator registered whose caller was not reached yet; not those past
   * their retention period, whose caller's phone is gone.
   */
  due(operatorId: string): Promise<ReportEntity[]> {
    return this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where("r.channel = 'hotline' AND r.status = 'closed' AND r.called_back_at IS NULL")
      .andWhere('r.reporter_user_id = :operatorId', { operatorId })
      .andWhere('r.reporter_anonymous = :anonymous', { anonymous: false })
      .andWhere('r.purged_at IS NULL')
      .orderBy('r.closed_at', 'ASC')
      .take(LIST_LIMIT)
      .getMany();
  }

  /** Calls recorded so far that did not reach the caller, per report. */
  async unreachedCalls(reportIds: string[]): Promise<Map<string, number>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ReportEventEntity)
      .createQueryBuilder('e')
      .select('e.report_id', 'reportId')
      .addSelect('COUNT(*)', 'calls')
      .where("e.kind = 'callback' AND e.report_id IN (:...reportIds)", { reportIds })
      .groupBy('e.report_id')
      .getRawMany<{ reportId: string; calls: string | number }>();
    return new Map(rows.map((row) => [row.reportId, Number(row.calls)]));
  }
}
