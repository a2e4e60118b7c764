import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { ChildFilesRepository } from './child-files.repository';
import { ChildIndex } from './child-index';
import { VisitDuesRepository } from './visit-dues.repository';
import { VisitPolicyRepository } from './visit-policy.repository';
import { RepeatDetector } from './repeat-detector';
import { SchoolHolidaysRepository } from './school-holidays.repository';

@Module({
  imports: [UnitsModule],
  providers: [
    ChildFilesRepository,
    ChildIndex,
    RepeatDetector,
    SchoolHolidaysRepository,
    VisitDuesRepository,
    VisitPolicyRepository,
  ],
  exports: [
    ChildFilesRepository,
    ChildIndex,
    RepeatDetector,
    SchoolHolidaysRepository,
    VisitDuesRepository,
    VisitPolicyRepository,
  ],
})
export class ChildrenModule {}
