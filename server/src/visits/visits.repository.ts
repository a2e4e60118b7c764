import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VisitEntity } from '../children/visit.entity';
import { insertRowsLater } from '../database/insert-rows';

/** The visits made to children on file: only this repository writes `visits`. */
@Injectable()
export class VisitsRepository {
  async insert(manager: EntityManager, visit: VisitEntity): Promise<void> {
    await insertRowsLater(manager, VisitEntity, [visit]);
  }
}
