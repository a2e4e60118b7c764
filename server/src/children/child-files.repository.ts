import { Injectable } from '@nestjs/common';
import { In, Not, MoreThan, type EntityManager } from 'typeorm';
import { ReportEntity } from '../reports/report.entity';
import { ChildFileEntity, ChildIdentityKeyEntity } from './child-file.entity';

@Injectable()
export class ChildFilesRepository {
  async findFileByKeys(manager: EntityManager, keyHashes: string[]): Promise<string | null> {
    if (keyHashes.length === 0) return null;
    const found = await manager
      .getRepository(ChildIdentityKeyEntity)
      .findOne({ where: { keyHash: In(keyHashes) } });
    return found?.childFileId ?? null;
  }

  async createFile(manager: EntityManager, file: ChildFileEntity): Promise<void> {
    await manager.getRepository(ChildFileEntity).insert(file);
  }

  /** Adds keys; a key already filed (a simultaneous report) keeps its first file. */
  async addKeys(manager: EntityManager, childFileId: string, keyHashes: string[]): Promise<void> {
    if (keyHashes.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ChildIdentityKeyEntity)
      .values(keyHashes.map((keyHash) => ({ keyHash, childFileId })))
      .orIgnore()
      .execute();
  }

  /** Whether the file has an open report, or one closed after `closedSince`. */
  async hasRecentReport(
    manager: EntityManager,
    childFileId: string,
    closedSince: Date,
  ): Promise<boolean> {
    const reports = manager.getRepository(ReportEntity);
    const open = await reports.countBy({ childFileId, status: Not('closed') });
    if (open > 0) return true;
    return (await reports.countBy({ childFileId, closedAt: MoreThan(closedSince) })) > 0;
  }
}
