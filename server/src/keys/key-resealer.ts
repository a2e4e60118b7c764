import type { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { createLogger } from '../logging/logger';
import { UploadStore } from '../uploads/upload-store';
import { SEALED_COLUMNS, SealedColumnsRepository } from './sealed-columns.repository';

/** A sealed value that opens with none of the configured keys, named by column and row. */
export class ResealError extends Error {}

/** How many rows are read at once by default (`--batch-size`). */
export const DEFAULT_RESEAL_BATCH = 500;

export interface ResealOptions {
  batchSize: number;
  /** Progress lines, in Chinese, for the operator. */
  log: (line: string) => void;
}

export interface ResealTotals {
  keyId: string;
  /** Values re-sealed, per `table.column`. */
  values: Record<string, number>;
  /** Values the server changed between read and write; the next run takes them. */
  changedMeanwhile: number;
  files: number;
}

/**
 * `npm run keys:reseal`: rewrites every sealed value and evidence file that is not under the
 * current `DATA_ENCRYPTION_KEY` (a previous key, or `v1` without a key id), while the server keeps
 * running. Rows are swapped one by one with compare-and-swap and files replaced by rename, so
 * nothing the server writes meanwhile is lost; a run that stops half-way is resumed by running it
 * again, and a run with nothing left to do re-seals 0. One `keys.reseal` audit row records the
 * counts (README, Keys and re-sealing).
 */
export class KeyResealer {
  constructor(
    private readonly columns: SealedColumnsRepository,
    private readonly files: UploadStore,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async run({ batchSize, log }: ResealOptions): Promise<ResealTotals> {
    const totals: ResealTotals = {
      keyId: this.sealer.currentKeyId,
      values: {},
      changedMeanwhile: 0,
      files: 0,
    };
    log(`当前密钥编号 ${totals.keyId}，每批 ${batchSize} 条`);
    for (const column of SEALED_COLUMNS) {
      const name = `${column.table}.${column.column}`;
      totals.values[name] = 0;
      for (let after = ''; ;) {
        const rows = await this.columns.notUnder(column, totals.keyId, after, batchSize);
        if (rows.length === 0) break;
        for (const row of rows) {
          if (await this.columns.swap(column, row, this.resealValue(name, row.id, row.value))) {
            totals.values[name]++;
          } else {
            totals.changedMeanwhile++;
          }
        }
        after = rows[rows.length - 1].id;
        log(`${name}：已重新加密 ${totals.values[name]} 条`);
      }
    }
    const names = await this.files.sealedFiles();
    for (const [i, name] of names.entries()) {
      if (await this.files.reseal(name)) totals.files++;
      if ((i + 1) % batchSize === 0 || i === names.length - 1) {
        log(`证据文件：已检查 ${i + 1}/${names.length} 个，重新加密 ${totals.files} 个`);
      }
    }
    await this.transactions.run((manager) =>
      this.audit.record(manager, null, {
        action: 'keys.reseal',
        targetType: 'system',
        targetId: null,
        divisionCode: null,
        detail: { ...totals },
      }),
    );
    const values = Object.values(totals.values).reduce((sum, n) => sum + n, 0);
    log(
      `完成：重新加密 ${values} 个字段值、${totals.files} 个证据文件` +
        (totals.changedMeanwhile > 0
          ? `；${totals.changedMeanwhile} 个值在此期间被修改，请再运行一次`
          : ''),
    );
    return totals;
  }

  private resealValue(name: string, id: string, value: string): string {
    try {
      return this.sealer.reseal(value);
    } catch (error) {
      throw new ResealError(`${name}（id ${id}）无法打开：${(error as Error).message}`);
    }
  }
}

/** The re-sealer over a data source, outside Nest: for the command and for tests. */
export function keyResealer(dataSource: DataSource, config: AppConfig, clock: Clock): KeyResealer {
  const sealer = new Sealer(config);
  const transactions = new TransactionRunner(dataSource, createLogger(config.logLevel));
  return new KeyResealer(
    new SealedColumnsRepository(dataSource),
    new UploadStore(config, sealer),
    sealer,
    new AuditService(new AuditRepository(dataSource), transactions, clock, config),
    transactions,
  );
}
