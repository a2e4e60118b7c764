import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Input boxes count UTF-16 units, so a box whose maxlength is the character limit stops short
 * when people type emoji or rare 汉字 (a 2,000-character note stopped at 1,666). Every box sized
 * from a text limit goes through shared `inputMaxLength`, and no box has a literal length: a
 * phone, an age or a code box takes what its shared rule accepts. Walks every source file, so a new page is checked unaided.
 */
const SOURCE = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx$/.test(entry.name) && !/\.spec\.tsx$/.test(entry.name) ? [path] : [];
  });
}

/** Each JSX element of a kind, as written: `<Textarea … />`. */
function elements(source: string, tag: string): string[] {
  return source.match(new RegExp(`<${tag}\\b[\\s\\S]*?/>`, 'g')) ?? [];
}

describe('text boxes', () => {
  const files = sources(SOURCE).map((file) => ({
    file: relative(SOURCE, file),
    source: readFileSync(file, 'utf8'),
  }));

  it('size every multi-line box from its text limit', () => {
    const boxes = files.flatMap(({ file, source }) =>
      elements(source, 'Textarea').map((element) => ({ file, element })),
    );
    const offenders = boxes.filter(
      ({ element }) => !/maxlength=\{[^}]*inputMaxLength\(/.test(element),
    );

    expect(boxes.length).toBeGreaterThan(2);
    expect(offenders.map((o) => `${o.file}: ${o.element.replace(/\s+/g, ' ')}`)).toEqual([]);
  });

  it('give no box a literal length: each comes from the shared rule of what it holds', () => {
    const offenders = files.flatMap(({ file, source }) =>
      elements(source, 'Input')
        .filter((element) => /maxlength=\{\d+\}/.test(element))
        .map((element) => `${file}: ${element.replace(/\s+/g, ' ')}`),
    );

    expect(offenders).toEqual([]);
  });

  // A number keyboard has no + or space, and H5's number box empties a pasted "+86 138 0000 0000",
  // which the server accepts (shared isValidPhone).
  it('let every phone box take a number as people type it', () => {
    const boxes = files.flatMap(({ file, source }) =>
      elements(source, 'Input')
        .filter((element) => /className="[^"]*phone/.test(element))
        .map((element) => ({ file, element })),
    );
    const offenders = boxes.filter(
      ({ element }) => /type=/.test(element) || !/maxlength=\{PHONE_MAX_LENGTH\}/.test(element),
    );

    expect(boxes.length).toBeGreaterThan(0);
    expect(offenders.map((o) => `${o.file}: ${o.element.replace(/\s+/g, ' ')}`)).toEqual([]);
  });
});
