/**
 * The deepest nesting a request body may have. The deepest body of the API (a calendar year:
 * `{days:[{…}]}`) is 3 levels; anything much deeper is an attack on the recursive transformer
 * and validator, which overflow the stack at a few thousand levels.
 */
export const MAX_JSON_DEPTH = 8;

/**
 * Whether a parsed JSON value nests objects or arrays deeper than `limit` (a bare value is depth
 * 0, `{}` and `[]` are 1). Walks with its own stack, so any depth is safe to measure.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}
