import { Module } from '@nestjs/common';
import { ReportsRepository } from './reports.repository';

/**
 * The reports and their timelines, a leaf: every module that reads or changes a report imports
 * this one, and it imports none of them.
 */
@Module({
  providers: [ReportsRepository],
  exports: [ReportsRepository],
})
export class ReportsModule {}
