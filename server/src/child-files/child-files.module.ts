import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { OrdersModule } from '../orders/orders.module';
import { UnitsModule } from '../units/units.module';
import { ChildFileSummaries } from './child-file-summaries';
import { ChildFilesController } from './child-files.controller';
import { ChildFilesService } from './child-files.service';

/** The `/children` routes: the files village and township units keep, above orders. */
@Module({
  imports: [AuditModule, ChildrenModule, DivisionsModule, OrdersModule, UnitsModule],
  controllers: [ChildFilesController],
  providers: [ChildFilesService, ChildFileSummaries],
  exports: [ChildFilesService],
})
export class ChildFilesModule {}
