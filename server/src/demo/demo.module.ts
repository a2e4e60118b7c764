import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { DemoDataSeeder } from './demo-data.seeder';

@Module({ imports: [ReportsModule, UsersModule], providers: [DemoDataSeeder] })
export class DemoModule {}
