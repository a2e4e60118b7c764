import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { rolesOf } from '../access/actor';
import { UsersRepository } from '../users/users.repository';
import { CreateReportDto } from '../reports/dto/create-report.dto';
import { ReportsRepository } from '../reports/reports.repository';
import { ReportsService } from '../reports/reports.service';
import { DEMO_INSTITUTION, DEMO_REPORTER_OPENID, demoReports } from './demo-data';

/** Fills an empty embedded database with a demo teacher and reports, through the real intake path. */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly reports: ReportsRepository,
    private readonly reportsService: ReportsService,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const reporter = await this.users.findOrCreate(DEMO_REPORTER_OPENID, null, this.clock.now());
    if (!reporter.orgName) {
      Object.assign(reporter, DEMO_INSTITUTION);
      await this.transactions.run((manager) =>
        this.users.updateMembership(manager, reporter.id, DEMO_INSTITUTION),
      );
    }
    if ((await this.reports.countByReporter(reporter.id)) > 0) return;
    for (const report of demoReports(this.clock.now())) {
      const dto = plainToInstance(CreateReportDto, report);
      const actor = { user: reporter, roles: rolesOf(reporter, new Set()), unit: null, ip: null };
      const stored = await this.reportsService.submit(actor, randomUUID(), dto);
      this.logger.log(`演示报告已创建，查询码 ${stored.body.trackingCode}`);
    }
  }
}
