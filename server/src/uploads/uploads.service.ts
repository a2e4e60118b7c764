import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { sniffMediaType } from './media-type';
import { UploadStore } from './upload-store';
import type { UploadEntity } from './upload.entity';
import { UploadsRepository } from './uploads.repository';

export interface UploadReceipt {
  uploadId: string;
  kind: UploadEntity['kind'];
  size: number;
}

const NOT_ATTACHABLE = '附件不存在、不是您上传的或已用于其他报告，请重新上传';

@Injectable()
export class UploadsService {
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly store: UploadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(actor: Actor, bytes: Buffer | null): Promise<UploadReceipt> {
    if (!bytes || bytes.length === 0) {
      throw ApiException.validation({ file: '请选择要上传的照片或视频' });
    }
    const type = sniffMediaType(bytes);
    if (!type) {
      throw new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'VALIDATION_FAILED',
        '只能上传照片或视频',
        {
          file: '只能上传照片（JPG、PNG、HEIC 等）或视频（MP4、MOV）',
        },
      );
    }
    const upload: UploadEntity = {
      id: randomUUID(),
      ownerUserId: actor.user.id,
      kind: type.kind,
      mime: type.mime,
      size: bytes.length,
      reportId: null,
      createdAt: this.clock.now(),
    };
    await this.store.write(upload.id, bytes);
    await this.uploads.insert(upload);
    return { uploadId: upload.id, kind: upload.kind, size: upload.size };
  }

  /** Attaches the caller's own, still unattached uploads to the report, in its transaction. */
  async attach(
    manager: EntityManager,
    actor: Actor,
    ids: readonly string[],
    reportId: string,
  ): Promise<void> {
    const unique = [...new Set(ids)];
    const attached = await this.uploads.attach(manager, actor.user.id, unique, reportId);
    if (unique.length !== ids.length || !attached) {
      throw ApiException.validation({ attachments: NOT_ATTACHABLE });
    }
  }

  ofReport(reportId: string): Promise<UploadEntity[]> {
    return this.uploads.ofReport(reportId);
  }

  /** The decrypted bytes of an attachment of `reportId`; 404 for anything else. */
  async content(
    reportId: string,
    uploadId: string,
  ): Promise<{ upload: UploadEntity; bytes: Buffer }> {
    const upload = await this.uploads.findById(uploadId);
    if (!upload || upload.reportId !== reportId) throw ApiException.notFound('没有找到这个附件');
    return { upload, bytes: await this.store.read(upload.id) };
  }
}
