import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A refused field is drawn where it is typed: its box red, the reason under it (`FieldError`),
 * the sheet's list kept for what belongs to no box. Walks every source file, so a new sheet is
 * checked unaided; each sheet's own spec shows its fields refused.
 */
const SOURCE = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx$/.test(entry.name) && !/\.spec\.tsx$/.test(entry.name) ? [path] : [];
  });
}

/** A form that slides up: a `Sheet`, or the order's action panel, which draws its own frame. */
const OPENS_A_SHEET = /<Sheet\b|className=\{`action-panel action-panel-/;

describe('sheets', () => {
  const sheets = sources(SOURCE)
    .map((file) => ({ file: relative(SOURCE, file), source: readFileSync(file, 'utf8') }))
    .filter(({ source }) => OPENS_A_SHEET.test(source));

  it('draw the reason of each refused field under it', () => {
    expect(sheets.length).toBeGreaterThan(4);
    expect(
      sheets.filter(({ source }) => !/<FieldError\b/.test(source)).map(({ file }) => file),
    ).toEqual([]);
  });

  it('draw the box of a refused field red', () => {
    expect(
      sheets.filter(({ source }) => !/invalidClass\(/.test(source)).map(({ file }) => file),
    ).toEqual([]);
  });
});
