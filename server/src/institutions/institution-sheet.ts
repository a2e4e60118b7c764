import ExcelJS from 'exceljs';
import {
  INSTITUTION_IMPORT_MAX_ROWS,
  INSTITUTION_SHEET_HEADINGS,
  ORG_TYPES,
  ORG_TYPE_LABELS,
  institutionImportErrorKey,
  type InstitutionField,
} from '@shouhu/shared';

/** One filled row of the import sheet: its number in the sheet and its cells as text (absent when empty). */
export interface SheetRow {
  row: number;
  cells: { [K in InstitutionField]?: string };
}

/** The columns a sheet cannot do without. */
const REQUIRED: readonly InstitutionField[] = ['name', 'type', 'divisionCode'];

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell's value as text: numbers as typed (a division code or phone typed as a number), rich text joined. */
function cellText(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return undefined;
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
    const heading = cellText(cell.value)?.trim();
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
    for (const [field, column] of columns) {
      const text = cellText(row.getCell(column).value);
      if (text !== undefined && text.trim() !== '') cells[field] = text;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: number, cells });
  });
  if (rows.length > INSTITUTION_IMPORT_MAX_ROWS) {
    return {
      errors: { file: `一次最多导入${INSTITUTION_IMPORT_MAX_ROWS}个机构，请分成几个表格导入` },
    };
  }
  if (rows.length === 0) return { errors: { file: '表格中没有填写机构' } };
  return { rows, columns: [...columns.keys()] };
}

/** The empty import sheet: the headings in row 1, and a second sheet listing the 类型 labels. */
export async function institutionTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('机构名录');
  sheet.addRow(Object.values(INSTITUTION_SHEET_HEADINGS));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => (column.width = i === 0 ? 32 : 16));
  const types = workbook.addWorksheet('类型');
  types.addRow(['类型（填写以下之一）']);
  for (const type of ORG_TYPES) types.addRow([ORG_TYPE_LABELS[type]]);
  types.getColumn(1).width = 32;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
