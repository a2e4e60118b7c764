import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { DropoutsModule } from '../dropouts/dropouts.module';
import { OrdersModule } from '../orders/orders.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** The accountability figures (`GET /stats/overview`, `GET /stats/clock-orders`); reads only. */
@Module({
  imports: [AuditModule, DivisionsModule, DropoutsModule, OrdersModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
  // The 台账's half-year summary counts the clocks as the figures do, through the same reads.
  exports: [StatsRepository],
})
export class StatsModule {}
