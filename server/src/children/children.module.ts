import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { ChildFilesRepository } from './child-files.repository';
import { ChildIndex } from './child-index';
import { VisitDuesRepository } from './visit-dues.repository';
import { VisitPlanner } from './visit-planner';
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
    VisitPlanner,
    VisitPolicyRepository,
  ],
  exports: [
    ChildFilesRepository,
    ChildIndex,
    RepeatDetector,
    SchoolHolidaysRepository,
    VisitDuesRepository,
    VisitPlanner,
    VisitPolicyRepository,
  ],
})
export class ChildrenModule {}
