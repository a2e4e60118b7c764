import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { GuardianshipHandoverEntity } from './handover.entity';
import { insertRowsLater } from '../database/insert-rows';

@Injectable()
export class HandoversRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, handover: GuardianshipHandoverEntity): Promise<void> {
    await insertRowsLater(manager, GuardianshipHandoverEntity, [handover]);
  }

  /** The handovers recorded on any order of these reports, in the order they happened. */
  ofReports(reportIds: string[]): Promise<GuardianshipHandoverEntity[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(GuardianshipHandoverEntity).find({
      where: { reportId: In(reportIds) },
      order: { handedOverAt: 'ASC', id: 'ASC' },
    });
  }
}
