import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api-exception';
import { ConcurrencyLimit } from '../common/concurrency-limit';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { reencodeImage } from './image-check';
import { sniffMediaType } from './media-type';
import type { PaceLimits } from './upload-pace';
import { NOT_PHOTO_OR_VIDEO, unsupportedFile } from './upload-refusal';
import { UploadStore, type TempUpload } from './upload-store';
import type { UploadEntity } from './upload.entity';
import { UploadsRepository } from './uploads.repository';
import { checkMovie } from './video-check';

/**
 * A photo is held whole and decoded to pixels (up to 50 MP, some 150 MB each): two at a time keep
 * a burst of uploads from taking the server past its memory; the others wait their turn.
 */
const PHOTO_DECODES = new ConcurrencyLimit(2);

export interface UploadReceipt {
  uploadId: string;
  kind: UploadEntity['kind'];
  size: number;
}

/** The file of one request, handed to a sink as it arrives (see multipart-file.ts). */
export type IncomingFile = <T>(
  pace: PaceLimits,
  sink: (file: Readable) => Promise<T>,
  discard: (result: T) => Promise<void>,
) => Promise<T | null>;

const NOT_ATTACHABLE = '附件不存在、不是您上传的、已过期或已用于其他报告，请重新上传';
const DAY_MS = 24 * 3600 * 1000;
/** Enough of the head for `sniffMediaType`. */
const HEAD_BYTES = 16;

const HEIC_REFUSED =
  '暂不支持 HEIC 格式的照片：请在微信里重新选择这张照片，或把手机相机的格式设为“兼容性最佳”后重拍';

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

@Injectable()
export class UploadsService {
  constructor(
    private readonly uploads: UploadsRepository,
    private readonly store: UploadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Receives one photo or video: refused before its body is read when the caller's quota is used
   * up, streamed encrypted to disk, checked by its structure (image-check.ts, video-check.ts),
   * then kept. Refusals: 400 no file, 413 too large, 408 too slow, 415 not a photo or video we
   * can check, 429 `UPLOAD_QUOTA_EXCEEDED`.
   */
  async receive(actor: Actor, incoming: IncomingFile): Promise<UploadReceipt> {
    await this.checkQuota(actor.user.id, 0);
    const temp = await incoming(
      this.config.uploads,
      (file) => this.store.receive(file),
      (received) => this.store.discard(received),
    );
    if (!temp || temp.size === 0) {
      if (temp) await this.store.discard(temp);
      throw ApiException.validation({ file: '请选择要上传的照片或视频' });
    }
    try {
      await this.checkQuota(actor.user.id, temp.size);
      const { kind, mime, viewable } = await this.check(temp);
      const upload: UploadEntity = {
        id: randomUUID(),
        ownerUserId: actor.user.id,
        kind,
        mime,
        size: temp.size,
        reportId: null,
        createdAt: this.clock.now(),
      };
      await this.store.commit(upload.id, temp, viewable);
      await this.uploads.insert(upload).catch(async (error: unknown) => {
        await this.store.remove(upload.id);
        throw error;
      });
      return { uploadId: upload.id, kind: upload.kind, size: upload.size };
    } finally {
      await this.store.discard(temp);
    }
  }

  /** What the file is by its structure; a photo comes back re-encoded as `viewable`. */
  private async check(
    temp: TempUpload,
  ): Promise<{ kind: UploadEntity['kind']; mime: string; viewable: Buffer | null }> {
    let head = Buffer.alloc(0);
    for await (const chunk of this.store.chunksOf(temp)) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= HEAD_BYTES) break;
    }
    const claimed = sniffMediaType(head);
    if (!claimed) throw unsupportedFile(NOT_PHOTO_OR_VIDEO);
    if (claimed.mime === 'image/heic' || claimed.mime === 'image/avif') {
      throw unsupportedFile(HEIC_REFUSED);
    }
    if (claimed.kind === 'video') {
      await checkMovie(this.store.chunksOf(temp), temp.size);
      return { kind: 'video', mime: claimed.mime, viewable: null };
    }
    const viewable = await PHOTO_DECODES.run(async () =>
      reencodeImage(await this.store.plaintextOf(temp), claimed.mime),
    );
    return { kind: 'image', mime: 'image/jpeg', viewable };
  }

  /**
   * 429 when the user already holds `pending` unattached uploads (count or bytes, with `size`
   * more) or has sent the `daily` allowance in the last 24 hours: a reporter needs a few photos
   * per report, and the limits stop one account from filling the disk.
   */
  private async checkQuota(userId: string, size: number): Promise<void> {
    const { pending, daily, unattachedTtlSeconds } = this.config.uploads;
    const now = this.clock.now().getTime();
    const usage = await this.uploads.usage(
      userId,
      new Date(now - unattachedTtlSeconds * 1000),
      new Date(now - DAY_MS),
    );
    const adding = size === 0 ? 0 : 1;
    if (
      usage.pending.files + adding > pending.files ||
      usage.pending.bytes + size > pending.bytes
    ) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'UPLOAD_QUOTA_EXCEEDED',
        `已上传但还没随报告提交的文件太多（最多 ${pending.files} 个、共 ${megabytes(pending.bytes)}）：请先提交报告，再补充其他文件；没有提交的文件会在 ${unattachedTtlSeconds / 3600} 小时后自动删除`,
      );
    }
    if (usage.recent.files + adding > daily.files || usage.recent.bytes + size > daily.bytes) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'UPLOAD_QUOTA_EXCEEDED',
        `24 小时内上传的文件已达上限（最多 ${daily.files} 个、共 ${megabytes(daily.bytes)}）：请先提交已上传的材料，明天再补充；情况紧急请直接拨打 110`,
      );
    }
  }

  /** Attaches the caller's own, still unattached, unexpired uploads to the report, in its transaction. */
  async attach(
    manager: EntityManager,
    actor: Actor,
    ids: readonly string[],
    reportId: string,
  ): Promise<void> {
    const unique = [...new Set(ids)];
    const notBefore = new Date(
      this.clock.now().getTime() - this.config.uploads.unattachedTtlSeconds * 1000,
    );
    const attached = await this.uploads.attach(manager, actor.user.id, unique, reportId, notBefore);
    if (unique.length !== ids.length || !attached) {
      throw ApiException.validation({ attachments: NOT_ATTACHABLE });
    }
  }

  ofReport(reportId: string): Promise<UploadEntity[]> {
    return this.uploads.ofReport(reportId);
  }

  /** The viewable bytes of an attachment of `reportId`; 404 for anything else. */
  async content(
    reportId: string,
    uploadId: string,
  ): Promise<{ upload: UploadEntity; bytes: Buffer }> {
    const upload = await this.uploads.findById(uploadId);
    if (!upload || upload.reportId !== reportId) throw ApiException.notFound('没有找到这个附件');
    return { upload, bytes: await this.store.read(upload.id) };
  }
}
