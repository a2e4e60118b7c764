import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { InboxModule } from '../inbox/inbox.module';
import { NotificationOutboxModule } from '../notifications/notification-outbox.module';
import { ReportsModule } from '../reports/reports.module';
import { SmsOutboxModule } from '../sms/sms-outbox.module';
import { UnitsModule } from '../units/units.module';
import { UploadsModule } from '../uploads/uploads.module';
import { ChildFileHolding } from './child-file-holding';
import { ClockPlanner } from './clock-planner';
import { OrderActionsService } from './order-actions.service';
import { FollowUpVisits } from './follow-up-visits';
import { HandoffsService } from './handoffs.service';
import { HandoversRepository } from './handovers.repository';
import { OrderDispatcher } from './order-dispatcher';
import { OrderInbox } from './order-inbox';
import { OrderQueriesService } from './order-queries.service';
import { OrderSummaries } from './order-summaries';
import { OrdersController } from './orders.controller';
import { ClockCountsRepository } from './clock-counts.repository';
import { OrderCountsRepository } from './order-counts.repository';
import { OrdersRepository } from './orders.repository';
import { ReportDetailsBuilder } from './report-details';
import { ReportProgress } from './report-progress';

@Module({
  imports: [
    AuditModule,
    CalendarModule,
    ChildrenModule,
    DivisionsModule,
    IdempotencyModule,
    InboxModule,
    NotificationOutboxModule,
    ReportsModule,
    SmsOutboxModule,
    UnitsModule,
    UploadsModule,
  ],
  controllers: [OrdersController],
  providers: [
    OrdersRepository,
    OrderCountsRepository,
    ClockCountsRepository,
    HandoversRepository,
    ChildFileHolding,
    OrderQueriesService,
    OrderActionsService,
    HandoffsService,
    OrderSummaries,
    ClockPlanner,
    OrderDispatcher,
    OrderInbox,
    ReportDetailsBuilder,
    ReportProgress,
    FollowUpVisits,
  ],
  exports: [
    OrdersRepository,
    HandoversRepository,
    ChildFileHolding,
    OrderDispatcher,
    OrderInbox,
    HandoffsService,
    OrderSummaries,
  ],
})
export class OrdersModule {}
