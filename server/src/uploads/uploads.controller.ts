import { Controller, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { UploadsService, type UploadReceipt } from './uploads.service';

@Controller('uploads')
export class UploadsController {
  constructor(private readonly service: UploadsService) {}

  /** One photo or video as multipart/form-data, before the report that cites it is sent. */
  @Post()
  @Access('authenticated')
  async upload(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<UploadReceipt> {
    const file = request.isMultipart() ? await request.file() : undefined;
    return this.service.receive(actor, file ? await file.toBuffer() : null);
  }
}
