import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { InboxModule } from '../inbox/inbox.module';
import { IntakeModule } from '../intake/intake.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { DropoutFiguresRepository } from './dropout-figures.repository';
import { DropoutFiguresService } from './dropout-figures.service';
import { DropoutsController } from './dropouts.controller';
import { DropoutsService } from './dropouts.service';
import { PoliceReferrals } from './police-referrals';

/** 控辍保学: above intake and orders (去向不明 files a report or hands off to the police). */
@Module({
  imports: [
    AuditModule,
    ChildrenModule,
    InboxModule,
    IntakeModule,
    OrdersModule,
    ReportsModule,
    UnitsModule,
  ],
  controllers: [DropoutsController],
  providers: [DropoutsService, DropoutFiguresService, DropoutFiguresRepository, PoliceReferrals],
  exports: [DropoutFiguresRepository],
})
export class DropoutsModule {}
