import ExcelJS from 'exceljs';
import {
  aSmallWorkbook,
  aZip,
  aZipBombWorkbook,
  aZipEntry,
} from '../../test/factories/zip.factory';
import { inflationVerdict } from './zip-inflation';

const LIMITS = { maxBytes: 20 * 1024 * 1024, maxEntries: 200 };

describe(inflationVerdict.name, () => {
  it('lets a workbook of normal size through, which exceljs then reads', async () => {
    const bytes = aSmallWorkbook();

    expect(await inflationVerdict(bytes, LIMITS)).toBe('fits');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getCell('A2').value).toBe('泗县某小学');
  });

  it.each([
    ['declaring its true size', undefined],
    ['understating its size in the headers', 1024],
  ])(
    'refuses a workbook of a few hundred kilobytes that inflates to 500 MiB, %s, within a second',
    async (_case, declaredSize) => {
      const bomb = aZipBombWorkbook(500, declaredSize);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const started = performance.now();

      const verdict = await inflationVerdict(bomb, LIMITS);

      expect(verdict).toBe('too_large');
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );

  it('counts what every entry inflates to together, not each alone', async () => {
    const third = Buffer.alloc(8 * 1024 * 1024, ' ');
    const entries = ['a.xml', 'b.xml', 'c.xml'].map((name) => aZipEntry(name, third));

    expect(await inflationVerdict(aZip(entries.slice(0, 2)), LIMITS)).toBe('fits');
    expect(await inflationVerdict(aZip(entries), LIMITS)).toBe('too_large');
  });

  it('refuses more entries than the limit before inflating any', async () => {
    const entries = Array.from({ length: 201 }, (_, i) => aZipEntry(`e${i}.xml`, ''));

    expect(await inflationVerdict(aZip(entries.slice(0, 200)), LIMITS)).toBe('fits');
    expect(await inflationVerdict(aZip(entries), LIMITS)).toBe('too_many_entries');
  });

  it.each([
    ['a text file', Buffer.from('名称,类型\n某学校,学校\n')],
    ['a zip cut short', aSmallWorkbook().subarray(0, 400)],
    ['nothing', Buffer.alloc(0)],
  ])('calls %s broken', async (_case, bytes) => {
    expect(await inflationVerdict(bytes, LIMITS)).toBe('broken');
  });
});
