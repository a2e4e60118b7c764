import { Controller, Post, Req, Res, HttpStatus } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { MultipartBody } from '../common/body-media-type';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { receiveSingleFile } from './multipart-file';
import { UploadsService, type UploadReceipt } from './uploads.service';

@Controller('uploads')
export class UploadsController {
  constructor(private readonly service: UploadsService) {}

  /** One photo or video as multipart/form-data, before the report that cites it is sent. */
  @Post()
  @ApiOperation({ summary: '上传照片或视频' })
  @Access('authenticated')
  @RateLimited('uploads')
  @MultipartBody(
    '一张照片或一段视频',
    '照片（JPEG、PNG、GIF、WebP、HEIC）或视频（MP4、MOV），按文件内容识别类型',
  )
  @Answers('UploadReceipt')
  @Refuses(HttpStatus.REQUEST_TIMEOUT, ['UPLOAD_TOO_SLOW'])
  @Refuses(HttpStatus.TOO_MANY_REQUESTS, ['UPLOAD_QUOTA_EXCEEDED'])
  upload(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UploadReceipt> {
    return this.service.receive(actor, (pace, sink, discard) =>
      receiveSingleFile(request, reply, pace, sink, discard),
    );
  }
}
