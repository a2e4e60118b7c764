import { createHash } from 'node:crypto';

/**
 * Keys are the caller's own: the stored key is a hash of user and key, so another user sending the
 * same key files their own report instead of learning from a 409 that someone used it (domain.md,
 * Privacy: nothing confirms that another report exists). 64 hex characters fit the key column.
 * Its own module, free of the framework, so the bench and the fault tests check stored keys by it.
 */
export function scopedKey(userId: string, key: string): string {
  return createHash('sha256').update(`${userId}|${key}`).digest('hex');
}
