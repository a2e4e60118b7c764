import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { insertRows } from '../database/insert-rows';
import { updateRowsLater } from '../database/select-rows';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ key });
  }

  /**
   * Inserts the key inside the caller's transaction. A concurrent request with the same key blocks
   * on the primary key until this transaction ends, then fails with a unique violation.
   */
  async claim(
    manager: EntityManager,
    row: Pick<IdempotencyKeyEntity, 'key' | 'userId' | 'requestHash' | 'createdAt'>,
  ): Promise<void> {
    await insertRows(manager, IdempotencyKeyEntity, [
      { ...row, responseStatus: null, responseBody: null },
    ]);
  }

  async complete(
    manager: EntityManager,
    key: string,
    responseStatus: number,
    responseBody: object,
  ): Promise<void> {
    await updateRowsLater(manager, IdempotencyKeyEntity, { responseStatus, responseBody }, { key });
  }
}
