import { Module } from '@nestjs/common';
import { ChildFilesRepository } from './child-files.repository';
import { RepeatDetector } from './repeat-detector';

@Module({
  providers: [ChildFilesRepository, RepeatDetector],
  exports: [ChildFilesRepository, RepeatDetector],
})
export class ChildrenModule {}
