import { verifyChain, type ChainVerdict } from './audit-chain';
import type { AuditRepository } from './audit.repository';

export async function verifyAuditLog(audit: AuditRepository): Promise<ChainVerdict> {
  return verifyChain(audit.all(), await audit.head());
}
