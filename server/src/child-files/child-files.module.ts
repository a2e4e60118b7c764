import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ChildrenModule } from '../children/children.module';
import { DivisionsModule } from '../divisions/divisions.module';
import { InboxModule } from '../inbox/inbox.module';
import { OrdersModule } from '../orders/orders.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { ChildFileDetails } from './child-file-details';
import { ChildFileQueriesRepository } from './child-file-queries.repository';
import { ChildFileQueriesService } from './child-file-queries.service';
import { ChildFileReadsController } from './child-file-reads.controller';
import { ChildFileSummaries } from './child-file-summaries';
import { ChildFilesController } from './child-files.controller';
import { ChildFilesService } from './child-files.service';

/** The `/children` routes: children's files (儿童档案) above the orders about them. */
@Module({
  imports: [
    AuditModule,
    ChildrenModule,
    DivisionsModule,
    InboxModule,
    OrdersModule,
    ReportsModule,
    UnitsModule,
  ],
  controllers: [ChildFilesController, ChildFileReadsController],
  providers: [
    ChildFilesService,
    ChildFileQueriesRepository,
    ChildFileQueriesService,
    ChildFileSummaries,
    ChildFileDetails,
  ],
  exports: [ChildFilesService],
})
export class ChildFilesModule {}
