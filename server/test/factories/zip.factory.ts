import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a zip as written: its raw DEFLATE data, or its bytes stored as they are. */
export interface ZipEntry {
  name: string;
  /** The bytes written after the local header. */
  data: Buffer;
  deflated: boolean;
  crc: number;
  /** The inflated size the headers declare (a bomb may understate it). */
  declaredSize: number;
}

/** An entry holding `content`, deflated. */
export function aZipEntry(name: string, content: string | Buffer): ZipEntry {
  const bytes = Buffer.from(content);
  return {
    name,
    data: deflateRawSync(bytes),
    deflated: true,
    crc: crc32(bytes),
    declaredSize: bytes.length,
  };
}

const MiB = 1024 * 1024;

/**
 * An entry whose few hundred kilobytes inflate to `prefix`, `mebibytes` MiB of one letter, and
 * `suffix`: one deflated mebibyte repeated, the DEFLATE blocks of each flushed to a byte boundary
 * so the copies join into one stream. Built in milliseconds, never held inflated. The headers
 * declare the true size unless `declaredSize` says otherwise.
 */
export function aBombEntry(
  name: string,
  mebibytes: number,
  options: { prefix?: string; suffix?: string; declaredSize?: number } = {},
): ZipEntry {
  const prefix = Buffer.from(options.prefix ?? '');
  const suffix = Buffer.from(options.suffix ?? '');
  const block = Buffer.alloc(MiB, 'A');
  const flushed = { finishFlush: constants.Z_FULL_FLUSH };
  const deflatedBlock = deflateRawSync(block, flushed);
  let crc = crc32(prefix);
  for (let i = 0; i < mebibytes; i++) crc = crc32(block, crc);
  crc = crc32(suffix, crc);
  return {
    name,
    data: Buffer.concat([
      deflateRawSync(prefix, flushed),
      ...Array.from({ length: mebibytes }, () => deflatedBlock),
      deflateRawSync(suffix),
    ]),
    deflated: true,
    crc,
    declaredSize: options.declaredSize ?? prefix.length + mebibytes * MiB + suffix.length,
  };
}

/** The bytes of a zip of `entries`: local headers and data, the central directory, its end. */
export function aZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.deflated ? 8 : 0, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.deflated ? 8 : 0, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * The parts of a one-sheet workbook (the register's headings in row 1, one row of a school) but
 * its shared strings, which the caller gives: `sharedStrings(prefix, suffix)` wraps the strings'
 * XML around whatever comes between.
 */
export function workbookParts(): {
  parts: ZipEntry[];
  stringsPrefix: string;
  stringsSuffix: string;
} {
  const strings = ['名称', '类型', '区划代码', '泗县某小学', '学校'];
  const cell = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
  return {
    parts: [
      aZipEntry(
        '[Content_Types].xml',
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          '</Types>',
      ),
      aZipEntry(
        '_rels/.rels',
        `${XML}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      aZipEntry(
        'xl/workbook.xml',
        `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      aZipEntry(
        'xl/_rels/workbook.xml.rels',
        `${XML}<Relationships xmlns="${PACKAGE_REL}">` +
          `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
          '</Relationships>',
      ),
      aZipEntry(
        'xl/worksheets/sheet1.xml',
        `${XML}<worksheet xmlns="${MAIN}"><sheetData>` +
          `<row r="1">${cell('A1', 0)}${cell('B1', 1)}${cell('C1', 2)}</row>` +
          `<row r="2">${cell('A2', 3)}${cell('B2', 4)}<c r="C2"><v>341324100</v></c></row>` +
          '</sheetData></worksheet>',
      ),
    ],
    stringsPrefix:
      `${XML}<sst xmlns="${MAIN}" count="${strings.length + 1}" uniqueCount="${strings.length + 1}">` +
      strings.map((s) => `<si><t>${s}</t></si>`).join('') +
      '<si><t>',
    stringsSuffix: '</t></si></sst>',
  };
}

/**
 * An .xlsx of a few hundred kilobytes whose shared strings inflate to `mebibytes` MiB (a zip
 * bomb), their size declared truly or as `declaredSize`.
 */
export function aZipBombWorkbook(mebibytes: number, declaredSize?: number): Buffer {
  const { parts, stringsPrefix, stringsSuffix } = workbookParts();
  return aZip([
    ...parts,
    aBombEntry('xl/sharedStrings.xml', mebibytes, {
      prefix: stringsPrefix,
      suffix: stringsSuffix,
      declaredSize,
    }),
  ]);
}

/** The same workbook with shared strings of normal size: a sheet exceljs reads. */
export function aSmallWorkbook(): Buffer {
  const { parts, stringsPrefix, stringsSuffix } = workbookParts();
  return aZip([...parts, aZipEntry('xl/sharedStrings.xml', `${stringsPrefix}x${stringsSuffix}`)]);
}
