import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { IntakeModule } from '../intake/intake.module';
import { OrdersModule } from '../orders/orders.module';
import { UnitsModule } from '../units/units.module';
import { DueVisitsRepository } from './due-visits.repository';
import { DueVisitsService } from './due-visits.service';
import { VisitsController } from './visits.controller';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

/** Recording visits and `GET /visits`: above intake (a visit may file a report) and child files. */
@Module({
  imports: [
    AuditModule,
    ChildrenModule,
    DivisionsModule,
    IdempotencyModule,
    IntakeModule,
    OrdersModule,
    UnitsModule,
  ],
  controllers: [VisitsController],
  providers: [VisitsService, VisitsRepository, DueVisitsService, DueVisitsRepository],
})
export class VisitsModule {}
