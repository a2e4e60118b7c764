import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportEventEntity } from './report-event.entity';
import { ReportEntity } from './report.entity';

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, report: ReportEntity): Promise<void> {
    await manager.createQueryBuilder().insert().into(ReportEntity).values(report).execute();
  }

  async appendEvent(manager: EntityManager, event: ReportEventEntity): Promise<void> {
    await manager.createQueryBuilder().insert().into(ReportEventEntity).values(event).execute();
  }

  findOwnedBy(id: string, reporterUserId: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ id, reporterUserId });
  }

  reporterTimeline(reportId: string): Promise<ReportEventEntity[]> {
    return this.dataSource
      .getRepository(ReportEventEntity)
      .find({ where: { reportId, reporterVisible: true }, order: { at: 'ASC' } });
  }

  countByReporter(reporterUserId: string): Promise<number> {
    return this.dataSource.getRepository(ReportEntity).countBy({ reporterUserId });
  }
}
