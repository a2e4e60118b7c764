import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, LedgerColumn } from './ledger-rows';

/** The sheets of the 台账, in the order they are written. */
export const LEDGER_SHEETS = {
  reports: '报告台账',
  files: '儿童档案',
  summary: '半年汇总',
} as const;

type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

/**
 * The 台账 as it is written: exceljs's streaming writer straight into `out`, each row committed
 * (handed to the zip) as soon as it is added, so a sheet of 100,000 rows never sits in memory.
 * Sheets are written one after another: a sheet is finished before the next begins.
 */
export class LedgerWorkbook {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: SheetWriter | null = null;

  constructor(private readonly out: Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
  }

  /** Finishes the sheet being written, and starts one with a bold, frozen heading row. */
  startSheet(name: string, columns: readonly LedgerColumn[]): void {
    this.sheet?.commit();
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map(({ header, width }) => ({
      header,
      width,
      style: { alignment: { vertical: 'top', wrapText: true } },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    this.sheet = sheet;
  }

  /** Adds and commits a row; a number between 0 and 1 in `percentColumns` shows as 0.0 %. */
  addRow(cells: readonly Cell[], percentColumns: readonly number[] = []): void {
    const row = this.sheet!.addRow([...cells]);
    for (const column of percentColumns) {
      const cell = row.getCell(column);
      if (typeof cell.value === 'number') cell.numFmt = '0.0%';
    }
    row.commit();
  }

  /**
   * Waits while the response still holds what was written (a slow client), so the rows of the
   * next page are read only once the last ones left.
   */
  async drained(): Promise<void> {
    if (!this.out.writableNeedDrain) return;
    await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  /** Finishes the last sheet and the file. */
  async finish(): Promise<void> {
    this.sheet?.commit();
    await this.workbook.commit();
  }
}
