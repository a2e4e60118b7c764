import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { DemoDataSeeder } from './demo-data.seeder';

@Module({ imports: [ReportsModule], providers: [DemoDataSeeder] })
export class DemoModule {}
