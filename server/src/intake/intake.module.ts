import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { UploadsModule } from '../uploads/uploads.module';
import { IntakeService } from './intake.service';
import { ReporterPriority } from './reporter-priority';
import { ReporterReportsService } from './reporter-reports.service';
import { ReporterViews } from './reporter-views';
import { ReportsController } from './reports.controller';
import { TrackController } from './track.controller';

/**
 * The reporter's side, above the orders: submitting a report (which dispatches its orders),
 * tracking it, and rating it. Nothing below imports it.
 */
@Module({
  imports: [
    AuditModule,
    CalendarModule,
    ChildrenModule,
    DivisionsModule,
    IdempotencyModule,
    InstitutionsModule,
    OrdersModule,
    ReportsModule,
    UploadsModule,
  ],
  controllers: [ReportsController, TrackController],
  providers: [IntakeService, ReporterReportsService, ReporterViews, ReporterPriority],
  exports: [IntakeService],
})
export class IntakeModule {}
