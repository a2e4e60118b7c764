import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { UnitsModule } from '../units/units.module';
import { ChildFilesRepository } from './child-files.repository';
import { ChildIndex } from './child-index';
import { DropoutEnlistment } from './dropout-enlistment';
import { VisitDuesRepository } from './visit-dues.repository';
import { VisitPlanner } from './visit-planner';
import { VisitPolicyRepository } from './visit-policy.repository';
import { RepeatDetector } from './repeat-detector';
import { SchoolHolidaysRepository } from './school-holidays.repository';

@Module({
  imports: [AuditModule, UnitsModule],
  providers: [
    ChildFilesRepository,
    ChildIndex,
    RepeatDetector,
    SchoolHolidaysRepository,
    VisitDuesRepository,
    VisitPlanner,
    VisitPolicyRepository,
    DropoutEnlistment,
  ],
  exports: [
    ChildFilesRepository,
    ChildIndex,
    RepeatDetector,
    SchoolHolidaysRepository,
    VisitDuesRepository,
    VisitPlanner,
    VisitPolicyRepository,
    DropoutEnlistment,
  ],
})
export class ChildrenModule {}
