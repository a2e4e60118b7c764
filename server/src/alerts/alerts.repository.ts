import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AdminAlertEntity } from './admin-alert.entity';
import { insertRows } from '../database/insert-rows';

@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertOnce(
    alert: AdminAlertEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await insertRows(manager, AdminAlertEntity, [alert], 'ignore');
  }

  latest(limit: number): Promise<AdminAlertEntity[]> {
    return this.dataSource
      .getRepository(AdminAlertEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
