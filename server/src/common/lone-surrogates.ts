import { hasLoneSurrogate } from '@shouhu/shared';

/**
 * The paths (`child.name`, `days.0.name`, or a query or path parameter's name) of every string in
 * a parsed body, query or parameter set that holds half a surrogate pair (`"\ud800"`, which JSON
 * can carry). Such a string cannot be stored unchanged: MariaDB and every UTF-8 encoder turn it
 * into U+FFFD. Walks with its own stack, like `nestedDeeperThan`.
 */
export function loneSurrogatePaths(value: unknown): string[] {
  const found: string[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop() as { value: unknown; path: string };
    if (typeof current === 'string') {
      if (hasLoneSurrogate(current)) found.push(path);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        pending.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return found.sort();
}
