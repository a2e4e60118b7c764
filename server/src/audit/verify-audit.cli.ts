import { runDatabaseCommand } from '../database/database-command';
import { AuditRepository } from './audit.repository';
import { verifyAuditLog } from './audit-verifier';

/**
 * `npm run audit:verify`: walks the audit log of the configured database and names the first row
 * that was changed, removed or reordered. Exit code 0 when intact, 1 when broken, 2 on error.
 */
runDatabaseCommand(process.env, async (dataSource) => {
  const verdict = await verifyAuditLog(new AuditRepository(dataSource));
  if (verdict.intact) {
    console.log(`审计日志完整：共 ${verdict.rows} 条，哈希链校验通过。`);
    return 0;
  }
  console.error(
    `审计日志被篡改：第 ${verdict.brokenSeq} 条（seq=${verdict.brokenSeq}）${verdict.reason}`,
  );
  return 1;
});
