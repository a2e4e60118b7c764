import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { OrdersModule } from '../orders/orders.module';
import { UploadsModule } from '../uploads/uploads.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReporterViews } from './reporter-views';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { TrackController } from './track.controller';

@Module({
  imports: [
    AuditModule,
    ChildrenModule,
    DivisionsModule,
    IdempotencyModule,
    OrdersModule,
    UploadsModule,
  ],
  controllers: [ReportsController, TrackController],
  providers: [ReportsService, ReportsRepository, ReporterViews],
  exports: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
