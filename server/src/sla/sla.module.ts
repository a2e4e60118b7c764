import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { InboxModule } from '../inbox/inbox.module';
import { OrdersModule } from '../orders/orders.module';
import { SmsOutboxModule } from '../sms/sms-outbox.module';
import { UnitsModule } from '../units/units.module';
import { DrillController } from './drill.controller';
import { HolidayVisits } from './holiday-visits';
import { SlaSweeper } from './sla-sweeper';
import { VisitDueSweep } from './visit-due-sweep';

@Module({})
export class SlaModule {
  static forRoot(options: { simulatedClock: boolean }): DynamicModule {
    return {
      module: SlaModule,
      imports: [
        AuditModule,
        ChildrenModule,
        InboxModule,
        OrdersModule,
        SmsOutboxModule,
        UnitsModule,
      ],
      controllers: options.simulatedClock ? [DrillController] : [],
      providers: [SlaSweeper, VisitDueSweep, HolidayVisits],
    };
  }
}
