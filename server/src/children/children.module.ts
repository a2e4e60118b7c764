import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { ChildFilesRepository } from './child-files.repository';
import { ChildIndex } from './child-index';
import { RepeatDetector } from './repeat-detector';

@Module({
  imports: [UnitsModule],
  providers: [ChildFilesRepository, ChildIndex, RepeatDetector],
  exports: [ChildFilesRepository, ChildIndex, RepeatDetector],
})
export class ChildrenModule {}
