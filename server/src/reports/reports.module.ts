import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { OrdersModule } from '../orders/orders.module';
import { UploadsModule } from '../uploads/uploads.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReporterPriority } from './reporter-priority';
import { ReporterViews } from './reporter-views';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { TrackController } from './track.controller';

@Module({
  imports: [
    AuditModule,
    CalendarModule,
    ChildrenModule,
    DivisionsModule,
    IdempotencyModule,
    OrdersModule,
    UploadsModule,
  ],
  controllers: [ReportsController, TrackController],
  providers: [ReportsService, ReportsRepository, ReporterViews, ReporterPriority],
  exports: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
