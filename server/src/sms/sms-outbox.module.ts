import { Module } from '@nestjs/common';
import { DivisionsModule } from '../divisions/divisions.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { SmsOutbox } from './sms-outbox';
import { SmsRepository } from './sms.repository';

/** What the order flow and the sweep need to queue text messages; sending is SmsModule. */
@Module({
  imports: [DivisionsModule, ReportsModule, UnitsModule],
  providers: [SmsOutbox, SmsRepository],
  exports: [SmsOutbox, SmsRepository],
})
export class SmsOutboxModule {}
