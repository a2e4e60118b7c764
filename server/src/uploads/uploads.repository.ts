import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { UploadEntity } from './upload.entity';

@Injectable()
export class UploadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(upload: UploadEntity): Promise<void> {
    await this.dataSource.getRepository(UploadEntity).insert(upload);
  }

  findById(id: string): Promise<UploadEntity | null> {
    return this.dataSource.getRepository(UploadEntity).findOneBy({ id });
  }

  /** Attaches the owner's unattached uploads; false unless every one of them was. */
  async attach(
    manager: EntityManager,
    ownerUserId: string,
    ids: string[],
    reportId: string,
  ): Promise<boolean> {
    if (ids.length === 0) return true;
    const result = await manager
      .getRepository(UploadEntity)
      .update({ id: In(ids), ownerUserId, reportId: IsNull() }, { reportId });
    return result.affected === ids.length;
  }

  ofReport(reportId: string): Promise<UploadEntity[]> {
    return this.dataSource
      .getRepository(UploadEntity)
      .find({ where: { reportId }, order: { createdAt: 'ASC' } });
  }
}
