import { Module } from '@nestjs/common';
import { DivisionsModule } from '../divisions/divisions.module';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsModule } from '../units/units.module';
import { SmsOutbox } from './sms-outbox';
import { SmsRepository } from './sms.repository';

/** What the order flow and the sweep need to queue text messages; sending is SmsModule. */
@Module({
  imports: [DivisionsModule, UnitsModule],
  providers: [SmsOutbox, SmsRepository, ReportsRepository],
  exports: [SmsOutbox, SmsRepository],
})
export class SmsOutboxModule {}
