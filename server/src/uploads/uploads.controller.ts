import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  @Access('authenticated')
  @RateLimited('uploads')
  @MultipartBody()
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
