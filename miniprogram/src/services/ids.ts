/**
 * A random v4-style UUID. Mini-programs have no crypto.randomUUID; these ids only need to be
 * unique (idempotency keys, device ids), not secret.
 */
export function createId(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}
