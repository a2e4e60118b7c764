import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { CallbacksController } from './callbacks.controller';
import { CallbacksRepository } from './callbacks.repository';
import { CallbacksService } from './callbacks.service';

/** 回访: the hotline desk calls back the callers of closed hotline reports. */
@Module({
  imports: [AuditModule, OrdersModule, ReportsModule],
  controllers: [CallbacksController],
  providers: [CallbacksService, CallbacksRepository],
})
export class CallbacksModule {}
