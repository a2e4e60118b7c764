import { chineseDateTime } from '@shouhu/shared';
import type { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { createLogger } from '../logging/logger';
import { UploadStore } from '../uploads/upload-store';
import { RetentionRepository } from './retention.repository';

const DAY_MS = 24 * 3600_000;
const BATCH = 100;

export interface PurgeOptions {
  /** List what would be purged, change nothing. */
  dryRun: boolean;
  /** Progress lines, in Chinese, for the operator. */
  log: (line: string) => void;
}

export interface PurgeTotals {
  /** Reports closed before this instant were due (ISO); null when RETENTION_DAYS is 0. */
  cutoff: string | null;
  reports: number;
  files: number;
  childKeys: number;
}

/**
 * `npm run retention:purge`: reports closed more than RETENTION_DAYS ago lose their personal
 * details, evidence files and blind-index keys, each report in its own transaction with a
 * `report.purge` audit row; statistics keep what they count. One `retention.purge` audit row per
 * run (not in a dry run). Running it again purges only what has expired since.
 */
export class RetentionPurger {
  constructor(
    private readonly retention: RetentionRepository,
    private readonly files: UploadStore,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async run({ dryRun, log }: PurgeOptions): Promise<PurgeTotals> {
    const totals: PurgeTotals = { cutoff: null, reports: 0, files: 0, childKeys: 0 };
    if (this.retentionDays === 0) {
      log('RETENTION_DAYS=0：个人信息永久保存，不清除任何报告');
      return totals;
    }
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS);
    totals.cutoff = cutoff.toISOString();
    log(
      `清除 ${chineseDateTime(cutoff)} 之前办结的报告的个人信息（保存期限 ${this.retentionDays} 天）`,
    );
    if (dryRun) {
      const due = await this.retention.expired(cutoff, Number.MAX_SAFE_INTEGER);
      for (const report of due) {
        log(`将清除：报告 ${report.id}（办结于 ${chineseDateTime(report.closedAt)}）`);
      }
      totals.reports = due.length;
      log(`试运行：共 ${totals.reports} 份报告将被清除，未做任何修改`);
      return totals;
    }
    for (let batch; (batch = await this.retention.expired(cutoff, BATCH)).length > 0;) {
      for (const report of batch) {
        const uploads = await this.transactions.run(async (manager) => {
          if (!(await this.retention.lockIfExpired(manager, report.id, cutoff))) return null;
          const childKeys = await this.retention.releaseChildKeys(manager, report.id);
          await this.retention.clear(manager, report.id, now);
          const ids = await this.retention.deleteUploads(manager, report.id);
          await this.audit.record(manager, null, {
            action: 'report.purge',
            targetType: 'report',
            targetId: report.id,
            divisionCode: report.divisionCode,
            detail: { closedAt: report.closedAt.toISOString(), files: ids.length, childKeys },
          });
          totals.childKeys += childKeys;
          return ids;
        });
        if (!uploads) continue;
        // After commit: a failed transaction must not have lost the evidence.
        for (const id of uploads) await this.files.remove(id);
        totals.reports++;
        totals.files += uploads.length;
      }
      log(`已清除 ${totals.reports} 份报告`);
    }
    await this.transactions.run((manager) =>
      this.audit.record(manager, null, {
        action: 'retention.purge',
        targetType: 'system',
        targetId: null,
        divisionCode: null,
        detail: { ...totals, retentionDays: this.retentionDays },
      }),
    );
    log(
      `完成：清除 ${totals.reports} 份报告的个人信息、${totals.files} 个证据文件、${totals.childKeys} 个儿童识别索引`,
    );
    return totals;
  }
}

/** The purger over a data source, outside Nest: for the command and for tests. */
export function retentionPurger(
  dataSource: DataSource,
  config: AppConfig,
  clock: Clock,
): RetentionPurger {
  const transactions = new TransactionRunner(dataSource, createLogger(config.logLevel));
  return new RetentionPurger(
    new RetentionRepository(dataSource),
    new UploadStore(config, new Sealer(config)),
    new AuditService(new AuditRepository(dataSource), transactions, clock, config),
    transactions,
    clock,
    config.retentionDays,
  );
}
