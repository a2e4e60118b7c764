import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { UploadEntity } from './upload.entity';

/** One user's uploads that count against the quota (see UploadsService). */
export interface UploadUsage {
  pending: { files: number; bytes: number };
  recent: { files: number; bytes: number };
}

@Injectable()
export class UploadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(UploadEntity);
  }

  async insert(upload: UploadEntity): Promise<void> {
    await this.repository.insert(upload);
  }

  findById(id: string): Promise<UploadEntity | null> {
    return this.repository.findOneBy({ id });
  }

  /**
   * Attaches the owner's unattached uploads made at or after `notBefore` (older ones have
   * expired); false unless every one of them was.
   */
  async attach(
    manager: EntityManager,
    ownerUserId: string,
    ids: string[],
    reportId: string,
    notBefore: Date,
  ): Promise<boolean> {
    if (ids.length === 0) return true;
    const result = await manager
      .getRepository(UploadEntity)
      .update(
        { id: In(ids), ownerUserId, reportId: IsNull(), createdAt: MoreThanOrEqual(notBefore) },
        { reportId },
      );
    return result.affected === ids.length;
  }

  ofReport(reportId: string): Promise<UploadEntity[]> {
    return this.repository.find({ where: { reportId }, order: { createdAt: 'ASC' } });
  }

  /**
   * The owner's unattached uploads made at or after `pendingSince` (not yet expired), and all of
   * the owner's uploads made at or after `recentSince`.
   */
  async usage(ownerUserId: string, pendingSince: Date, recentSince: Date): Promise<UploadUsage> {
    const since = pendingSince < recentSince ? pendingSince : recentSince;
    const rows = await this.repository.find({
      select: { size: true, reportId: true, createdAt: true },
      where: { ownerUserId, createdAt: MoreThanOrEqual(since) },
    });
    const sum = (list: UploadEntity[]) => ({
      files: list.length,
      bytes: list.reduce((total, row) => total + row.size, 0),
    });
    return {
      pending: sum(rows.filter((r) => r.reportId === null && r.createdAt >= pendingSince)),
      recent: sum(rows.filter((r) => r.createdAt >= recentSince)),
    };
  }

  /** Ids of up to `limit` unattached uploads made before `before`. */
  async unattachedBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.repository.find({
      select: { id: true },
      where: { reportId: IsNull(), createdAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /**
   * Deletes the upload if it is still unattached and made before `before`; false when a report
   * took it first or another server deleted it (the row decides who deletes the files).
   */
  async deleteUnattached(id: string, before: Date): Promise<boolean> {
    const result = await this.repository.delete({
      id,
      reportId: IsNull(),
      createdAt: LessThan(before),
    });
    return result.affected === 1;
  }
}
