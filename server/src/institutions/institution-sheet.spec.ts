import ExcelJS from 'exceljs';
import { INSTITUTION_SHEET_HEADINGS } from '@shouhu/shared';
import {
  CELL_KIND_MESSAGES,
  SHEET_CELL_MAX_UNITS,
  readInstitutionSheet,
} from './institution-sheet';

const HEADINGS = [
  INSTITUTION_SHEET_HEADINGS.name,
  INSTITUTION_SHEET_HEADINGS.type,
  INSTITUTION_SHEET_HEADINGS.divisionCode,
];

describe(readInstitutionSheet.name, () => {
  it('reads only the rows the sheet holds, however far down the last one is', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(HEADINGS);
    sheet.getCell('A1048576').value = '最后一行的学校';
    const rowsAsked = jest.spyOn(sheet, 'getRow');

    const read = readInstitutionSheet(workbook);

    expect(read).toEqual({
      rows: [{ row: 1048576, cells: { name: '最后一行的学校' }, refused: {} }],
      columns: ['name', 'type', 'divisionCode'],
    });
    // Row 1's headings only: a loop to rowCount made a million rows (1.5 GB) for a 6 KB upload.
    expect(rowsAsked.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('skips empty rows between filled ones and keeps each row’s number', () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(HEADINGS);
    sheet.addRow(['泗县第一中学', '学校', '341324100']);
    sheet.addRow([]);
    sheet.addRow(['泗县人民医院', '医疗机构', '341324']);

    expect(readInstitutionSheet(workbook)).toEqual({
      rows: [
        {
          row: 2,
          cells: { name: '泗县第一中学', type: '学校', divisionCode: '341324100' },
          refused: {},
        },
        {
          row: 4,
          cells: { name: '泗县人民医院', type: '医疗机构', divisionCode: '341324' },
          refused: {},
        },
      ],
      columns: ['name', 'type', 'divisionCode'],
    });
  });
});

describe('a cell of the import sheet', () => {
  const read = (value: ExcelJS.CellValue) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(HEADINGS);
    sheet.addRow([value, '学校', '341324100']);
    const sheetRead = readInstitutionSheet(workbook);
    if ('errors' in sheetRead) throw new Error(JSON.stringify(sheetRead.errors));
    const [{ cells, refused }] = sheetRead.rows;
    return { text: cells.name, refused: refused.name };
  };

  it.each<[string, ExcelJS.CellValue, string | undefined, string | undefined]>([
    ['text', '泗县第一中学', '泗县第一中学', undefined],
    ['a whole number, as typed', 341324100, '341324100', undefined],
    [
      'rich text, joined',
      { richText: [{ text: '泗县' }, { text: '一中' }] },
      '泗县一中',
      undefined,
    ],
    [
      'a hyperlink, by its text',
      { text: '泗县一中', hyperlink: 'https://a.cn' },
      '泗县一中',
      undefined,
    ],
    ['a formula, by its text', { formula: 'A1', result: '泗县一中' }, '泗县一中', undefined],
    ['a date', new Date('2026-03-01T00:00:00Z'), undefined, CELL_KIND_MESSAGES.date],
    ['TRUE', true, undefined, CELL_KIND_MESSAGES.boolean],
    ['an error', { error: '#REF!' }, undefined, CELL_KIND_MESSAGES.error('#REF!')],
    ['a formula without a result', { formula: 'A1' }, undefined, CELL_KIND_MESSAGES.formula],
    [
      'a formula whose result is TRUE',
      { formula: 'A1=A1', result: true },
      undefined,
      CELL_KIND_MESSAGES.boolean,
    ],
    [
      'a cell at the length cap',
      '校'.repeat(SHEET_CELL_MAX_UNITS),
      '校'.repeat(SHEET_CELL_MAX_UNITS),
      undefined,
    ],
    [
      'a cell beyond it',
      '校'.repeat(SHEET_CELL_MAX_UNITS + 1),
      undefined,
      CELL_KIND_MESSAGES.tooLong,
    ],
  ])('reads %s', (_case, value, text, refused) => {
    expect(read(value)).toEqual({ text, refused });
  });
});
