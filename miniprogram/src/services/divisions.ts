import Taro from '@tarojs/taro';
import { isDivisionList } from './answers';
import { httpRequest } from './http';

export interface Division {
  code: string;
  name: string;
}

const LAST_KEY = 'shouhu.lastDivision';
const children = new Map<string, Promise<Division[]>>();

/** Children of a division (provinces without a parent); each list is fetched once per launch. */
export function fetchDivisions(parent?: string): Promise<Division[]> {
  const key = parent ?? '';
  let pending = children.get(key);
  if (!pending) {
    pending = httpRequest(
      { method: 'GET', path: parent ? `/divisions?parent=${parent}` : '/divisions' },
      isDivisionList,
    );
    pending.catch(() => children.delete(key));
    children.set(key, pending);
  }
  return pending;
}

/** 省 → 市 → 县 → 乡镇 → 村 for a code, looked up level by level. */
export async function divisionPath(code: string): Promise<Division[]> {
  const path: Division[] = [];
  let parent: string | undefined;
  for (const length of [2, 4, 6, 9, 12].filter((n) => n <= code.length)) {
    const found = (await fetchDivisions(parent)).find((d) => d.code === code.slice(0, length));
    if (!found) break;
    path.push(found);
    parent = found.code;
  }
  return path;
}

/** The area last reported from, so the next report starts there. */
export function lastDivisionPath(): Division[] {
  return Taro.getStorageSync<Division[]>(LAST_KEY) || [];
}

export function rememberDivisionPath(path: Division[]): void {
  Taro.setStorageSync(LAST_KEY, path);
}
