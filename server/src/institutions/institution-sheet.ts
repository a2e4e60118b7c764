import ExcelJS from 'exceljs';
import {
  INSTITUTION_IMPORT_MAX_ROWS,
  INSTITUTION_SHEET_HEADINGS,
  ORG_TYPES,
  ORG_TYPE_LABELS,
  institutionImportErrorKey,
  type InstitutionField,
} from '@shouhu/shared';
import type { InflationLimits } from '../uploads/zip-inflation';

/**
 * One filled row of the import sheet: its number in the sheet, its cells as text (absent when
 * empty), and the cells refused for what they hold rather than what they say (a date, a
 * TRUE/FALSE, a formula without a result, a cell of thousands of characters).
 */
export interface SheetRow {
  row: number;
  cells: { [K in InstitutionField]?: string };
  refused: { [K in InstitutionField]?: string };
}

/** The columns a sheet cannot do without. */
const REQUIRED: readonly InstitutionField[] = ['name', 'type', 'divisionCode'];

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What an import sheet may unpack to before exceljs reads it (an .xlsx is a zip). A full register
 * of 5,000 institutions unpacks to under 2 MB; a few hundred kilobytes that unpack to hundreds of
 * megabytes are a zip bomb. exceljs reads a whole sheet before its rows are counted, some 6 s for
 * 10 MB of cells on a busy 2-core server, so the limit stays at five times a full register. A
 * workbook holds a dozen entries, a few dozen with many sheets.
 */
export const SHEET_INFLATION: InflationLimits = { maxBytes: 10 * 1024 * 1024, maxEntries: 200 };

/**
 * The longest cell read, in UTF-16 units: twice the longest field (a name of 100 characters, each
 * up to two units) and room to spare. A longer cell is refused as it is, before any check walks
 * its characters.
 */
export const SHEET_CELL_MAX_UNITS = 1000;

const ASK_FOR_TEXT = '请填文字';

/** Why a cell holding no text is refused: every column of the sheet is text. */
export const CELL_KIND_MESSAGES = {
  date: `${ASK_FOR_TEXT}：这一格是日期。请把这一列设为“文本”格式，再重新填写`,
  boolean: `${ASK_FOR_TEXT}：这一格是 TRUE/FALSE（逻辑值），请改为文字`,
  error: (error: string) => `${ASK_FOR_TEXT}：这一格是公式的错误结果（${error}），请改为文字`,
  formula: `${ASK_FOR_TEXT}：这一格是公式，没有算出的文字。请复制这一列，再用“选择性粘贴 → 数值”粘贴回来`,
  tooLong: `这一格超过${SHEET_CELL_MAX_UNITS}字，不像是一个机构的信息，请检查是否填错了地方`,
} as const;

type CellReading = { text: string } | { refused: string } | null;

/**
 * A cell's value as text: a string, a number as typed (a division code or phone typed as a
 * number), rich text joined, a hyperlink's text, a formula's text or number result. A date, a
 * TRUE/FALSE, an error value or a formula with no such result is refused; an empty cell is null.
 */
function readCell(value: ExcelJS.CellValue): CellReading {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    return { text: Number.isInteger(value) ? value.toFixed(0) : String(value) };
  }
  if (typeof value === 'boolean') return { refused: CELL_KIND_MESSAGES.boolean };
  if (value instanceof Date) return { refused: CELL_KIND_MESSAGES.date };
  if ('error' in value) return { refused: CELL_KIND_MESSAGES.error(String(value.error)) };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    const reading = result === undefined ? null : readCell(result);
    return reading ?? { refused: CELL_KIND_MESSAGES.formula };
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text };
  return null;
}

/** A cell as the import reads it: its text, refused (with why), or empty. */
function readTextCell(value: ExcelJS.CellValue): CellReading {
  const reading = readCell(value);
  if (reading && 'text' in reading) {
    if (reading.text.length > SHEET_CELL_MAX_UNITS) return { refused: CELL_KIND_MESSAGES.tooLong };
    if (reading.text.trim() === '') return null;
  }
  return reading;
}

/**
 * The filled rows of a workbook's first sheet (`INSTITUTION_SHEET_HEADINGS`, any order, in row 1),
 * or per-cell problems: a required heading missing (keyed 第1行 <heading>), no row, more than
 * `INSTITUTION_IMPORT_MAX_ROWS` rows (keyed `file`). A row of empty cells is skipped.
 */
export function readInstitutionSheet(
  workbook: ExcelJS.Workbook,
): { rows: SheetRow[]; columns: InstitutionField[] } | { errors: Record<string, string> } {
  const sheet = workbook.worksheets[0];
  if (!sheet) return { errors: { file: '表格是空的，请用下载的模板填写' } };
  const columns = new Map<InstitutionField, number>();
  sheet.getRow(1).eachCell((cell, column) => {
    const reading = readTextCell(cell.value);
    const heading = reading && 'text' in reading ? reading.text.trim() : undefined;
    const field = (Object.keys(INSTITUTION_SHEET_HEADINGS) as InstitutionField[]).find(
      (key) => INSTITUTION_SHEET_HEADINGS[key] === heading,
    );
    if (field && !columns.has(field)) columns.set(field, column);
  });
  const missing = REQUIRED.filter((field) => !columns.has(field));
  if (missing.length > 0) {
    return {
      errors: Object.fromEntries(
        missing.map((field) => [
          institutionImportErrorKey(1, INSTITUTION_SHEET_HEADINGS[field]),
          `第1行缺少“${INSTITUTION_SHEET_HEADINGS[field]}”一列，请用下载的模板填写`,
        ]),
      ),
    };
  }
  const rows: SheetRow[] = [];
  // Only the rows the sheet holds: a single cell in row 1,048,576 must not make a million rows.
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1 || rows.length > INSTITUTION_IMPORT_MAX_ROWS) return;
    const cells: SheetRow['cells'] = {};
    const refused: SheetRow['refused'] = {};
    for (const [field, column] of columns) {
      const reading = readTextCell(row.getCell(column).value);
      if (reading && 'text' in reading) cells[field] = reading.text;
      else if (reading) refused[field] = reading.refused;
    }
    if (Object.keys(cells).length + Object.keys(refused).length > 0) {
      rows.push({ row: number, cells, refused });
    }
  });
  if (rows.length > INSTITUTION_IMPORT_MAX_ROWS) {
    return {
      errors: { file: `一次最多导入${INSTITUTION_IMPORT_MAX_ROWS}个机构，请分成几个表格导入` },
    };
  }
  if (rows.length === 0) return { errors: { file: '表格中没有填写机构' } };
  return { rows, columns: [...columns.keys()] };
}

/** A division the template lists for the 区划代码 column: its code and its name. */
export interface TemplateDivision {
  code: string;
  /** As people say it: 泗城镇, or 泗城镇 · 关庙村委会. */
  name: string;
}

export const TEMPLATE_SHEETS = {
  register: '机构名录',
  types: '类型',
  divisions: '区划代码',
} as const;

/**
 * The ranges of a sheet's drop-down lists. exceljs keeps them on `worksheet.dataValidations`
 * (lib/doc/data-validations.js) but its typings name only a single cell's; a cell each would make
 * 5,000 rows of the empty template.
 */
interface SheetValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** The column (A, B, …) of a heading in the template's first sheet. */
function columnOf(field: InstitutionField): string {
  const index = Object.keys(INSTITUTION_SHEET_HEADINGS).indexOf(field);
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/**
 * The empty import sheet, made so a clerk fills it without guessing: the headings in row 1; the
 * 类型 column a drop-down of the `ORG_TYPE_LABELS` (listed on the sheet 类型); the 区划代码 column a
 * drop-down of the codes of `divisions` (the county, its townships and villages, listed with their
 * names on the sheet 区划代码); the code and phone columns formatted as text, so Excel neither drops
 * a phone's leading 0 nor turns a code into a number the list does not hold.
 */
export async function institutionTemplate(divisions: readonly TemplateDivision[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.register);
  sheet.addRow(Object.values(INSTITUTION_SHEET_HEADINGS));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = i === 0 ? 32 : 16));
  for (const field of ['divisionCode', 'contactPhone'] as const) {
    sheet.getColumn(columnOf(field)).numFmt = '@';
  }

  const types = workbook.addWorksheet(TEMPLATE_SHEETS.types);
  types.addRow(['类型（填写以下之一）']);
  for (const type of ORG_TYPES) types.addRow([ORG_TYPE_LABELS[type]]);
  types.getColumn(1).width = 32;

  const places = workbook.addWorksheet(TEMPLATE_SHEETS.divisions);
  places.addRow(['区划代码', '名称']);
  places.getRow(1).font = { bold: true };
  for (const division of divisions) places.addRow([division.code, division.name]);
  places.getColumn(1).numFmt = '@';
  places.getColumn(1).width = 16;
  places.getColumn(2).width = 40;

  const lastRow = INSTITUTION_IMPORT_MAX_ROWS + 1;
  const { dataValidations } = sheet as unknown as SheetValidations;
  const listOf = (sheetName: string, count: number) => `'${sheetName}'!$A$2:$A$${count + 1}`;
  dataValidations.add(`${columnOf('type')}2:${columnOf('type')}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [listOf(TEMPLATE_SHEETS.types, ORG_TYPES.length)],
    showErrorMessage: true,
    errorTitle: '类型不对',
    error: '请从下拉列表中选择类型（见“类型”表）',
  });
  dataValidations.add(`${columnOf('divisionCode')}2:${columnOf('divisionCode')}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [listOf(TEMPLATE_SHEETS.divisions, divisions.length)],
    showInputMessage: true,
    promptTitle: '区划代码',
    prompt: '填本县或本县乡镇、村的区划代码，见“区划代码”表',
    showErrorMessage: true,
    errorTitle: '区划代码不对',
    error: '这个代码不在本县的区划中，请从“区划代码”表中选择',
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
