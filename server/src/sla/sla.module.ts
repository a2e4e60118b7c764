import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrdersModule } from '../orders/orders.module';
import { SmsOutboxModule } from '../sms/sms-outbox.module';
import { UnitsModule } from '../units/units.module';
import { DrillController } from './drill.controller';
import { SlaSweeper } from './sla-sweeper';

@Module({})
export class SlaModule {
  static forRoot(options: { simulatedClock: boolean }): DynamicModule {
    return {
      module: SlaModule,
      imports: [AuditModule, OrdersModule, SmsOutboxModule, UnitsModule],
      controllers: options.simulatedClock ? [DrillController] : [],
      providers: [SlaSweeper],
    };
  }
}
