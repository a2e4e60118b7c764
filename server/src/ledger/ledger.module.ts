import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { StatsModule } from '../stats/stats.module';
import { UnitsModule } from '../units/units.module';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

/** The 台账 workbook (`GET /stats/ledger.xlsx`): reads reports, orders and files, changes nothing. */
@Module({
  imports: [AuditModule, DivisionsModule, StatsModule, UnitsModule],
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService],
})
export class LedgerModule {}
