import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { VisitPlanController } from './visit-plan.controller';
import { VisitPlanService } from './visit-plan.service';

/** The administrator's side of the visit plan: school holidays and the plan's numbers of days. */
@Module({
  imports: [AuditModule, ChildrenModule, DivisionsModule],
  controllers: [VisitPlanController],
  providers: [VisitPlanService],
})
export class VisitPlanModule {}
