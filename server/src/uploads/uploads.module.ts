import { Module } from '@nestjs/common';
import { UploadStore } from './upload-store';
import { UploadSweeper } from './upload-sweeper';
import { UploadsController } from './uploads.controller';
import { UploadsRepository } from './uploads.repository';
import { UploadsService } from './uploads.service';

@Module({
  controllers: [UploadsController],
  providers: [UploadsRepository, UploadsService, UploadStore, UploadSweeper],
  exports: [UploadsService],
})
export class UploadsModule {}
