import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every time the app shows goes through shared's Beijing formatters (domain.md: Beijing time,
 * written the Chinese way, whatever the phone's time zone). This walks every source file, so a
 * page added later is checked without being listed.
 */
const SOURCE = __dirname;

/** The phone's own calendar and clock, or an ISO string cut up by hand, or one shown raw. */
const PHONE_TIME = [
  /\.(getHours|getMinutes|getSeconds|getDate|getDay|getMonth|getFullYear)\(/,
  /\.(setHours|setMinutes|setDate|setMonth|setFullYear)\(/,
  /\.toLocale(Date|Time)?String\(/,
  /toISOString\(\)\.slice\(/,
  /(?<!\$)\{\s*[\w.?]+(At|\.at)\s*\}/,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('times shown in the app', () => {
  const files = sources(SOURCE);

  it('never come from the phone’s time zone or a cut-up ISO string', () => {
    const offenders = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          PHONE_TIME.some((pattern) => pattern.test(line))
            ? [`${relative(SOURCE, file)}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );

    expect(files.length).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });

  it.each([
    'pages/receipt/index.tsx',
    'pages/progress/index.tsx',
    'pages/mine/index.tsx',
    'pages/messages/index.tsx',
    'staff/order/index.tsx',
    'children/file/index.tsx',
    'components/handover-list.tsx',
  ])('%s writes its times with the shared Chinese formatter', (page) => {
    expect(readFileSync(join(SOURCE, page), 'utf8')).toMatch(/chinese(Short)?DateTime\(/);
  });
});
