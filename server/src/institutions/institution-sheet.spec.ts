import ExcelJS from 'exceljs';
import { INSTITUTION_SHEET_HEADINGS } from '@shouhu/shared';
import { readInstitutionSheet } from './institution-sheet';

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
      rows: [{ row: 1048576, cells: { name: '最后一行的学校' } }],
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
        { row: 2, cells: { name: '泗县第一中学', type: '学校', divisionCode: '341324100' } },
        { row: 4, cells: { name: '泗县人民医院', type: '医疗机构', divisionCode: '341324' } },
      ],
      columns: ['name', 'type', 'divisionCode'],
    });
  });
});
