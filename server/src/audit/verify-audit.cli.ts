import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/load-config';
import { dataSourceOptions } from '../database/data-source-options';
import { AuditRepository } from './audit.repository';
import { verifyAuditLog } from './audit-verifier';

/**
 * `npm run audit:verify`: walks the audit log of the configured database and names the first row
 * that was changed, removed or reordered. Exit code 0 when intact, 1 when broken, 2 on error.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const dataSource = new DataSource({
    ...(await dataSourceOptions(config.database)),
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    const verdict = await verifyAuditLog(new AuditRepository(dataSource));
    if (verdict.intact) {
      console.log(`审计日志完整：共 ${verdict.rows} 条，哈希链校验通过。`);
      return 0;
    }
    console.error(
      `审计日志被篡改：第 ${verdict.brokenSeq} 条（seq=${verdict.brokenSeq}）${verdict.reason}`,
    );
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
