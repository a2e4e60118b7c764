import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAlertEntity } from './admin-alert.entity';

@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertOnce(
    alert: AdminAlertEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AdminAlertEntity)
      .values(alert)
      .orIgnore()
      .execute();
  }

  latest(limit: number): Promise<AdminAlertEntity[]> {
    return this.dataSource
      .getRepository(AdminAlertEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
