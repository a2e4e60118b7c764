import { CHILD_CATEGORIES, CHILD_FILE_STATUSES, type ChildCategory } from '@shouhu/shared';
import type { ChildFileEntity } from '../../src/children/child-file.entity';
import { DataSource } from 'typeorm';
import { ChildFileQueriesRepository } from '../../src/child-files/child-file-queries.repository';
import { aChildFile } from '../factories/child-file.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

const TOWNSHIP = '341324100';
const OTHER_TOWNSHIP = '341324101';
const DAY = 86_400_000;
const T0 = Date.parse('2027-01-01T00:00:00.000Z');

/** The list's order, worked out here: next visit due first (none last), latest change, id. */
function listOrder(a: ChildFileEntity, b: ChildFileEntity): number {
  const due = (f: ChildFileEntity) => f.nextVisitDueAt?.getTime() ?? Infinity;
  return (
    due(a) - due(b) ||
    b.updatedAt.getTime() - a.updatedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * `GET /children` reads a unit's list in two parts that share no file (the files under its
 * places, the files it holds an order about outside them) and cuts each page from their union:
 * every page, at every page size and with a filter, must be the slice of the whole list worked
 * out here from the files themselves, and every total its length.
 */
describe('a list of files read in two parts', () => {
  let sut: TestApp;
  let files: ChildFileEntity[];
  let held: string[];

  beforeAll(async () => {
    sut = await startTestApp();
    const made: Promise<ChildFileEntity>[] = [];
    for (let i = 0; i < 24; i++) {
      const township = i % 3 === 0 ? OTHER_TOWNSHIP : TOWNSHIP;
      const categories: ChildCategory[] = i % 2 === 0 ? ['left_behind'] : ['severe_disability'];
      made.push(
        aChildFile(sut.app, {
          divisionCode: `${township}${String(200 + (i % 4)).padStart(3, '0')}`,
          categories,
          // A child of their own each: one child's identity keys belong to one file.
          child: {
            name: `王${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[i % 12]}`,
            gender: 'female',
            ageYears: 9,
          },
          status: i % 7 === 6 ? 'closed' : 'active',
          priority: i % 4 === 1,
          // Some without a visit due, some due the same day (their latest change decides).
          nextVisitDueAt: i % 5 === 0 ? null : new Date(T0 + (i % 4) * DAY),
          updatedAt: new Date(T0 - i * 60_000),
        }),
      );
    }
    files = await Promise.all(made);
    // Held: most of the other township's files, and two under the prefix (listed once).
    const outside = files.filter((f) => f.divisionCode.startsWith(OTHER_TOWNSHIP));
    const inside = files.filter((f) => f.divisionCode.startsWith(TOWNSHIP));
    held = [...outside.slice(0, -2), ...inside.slice(0, 2)].map((f) => f.id);
  });
  afterAll(() => sut.close());

  const inScope = (f: ChildFileEntity) =>
    f.divisionCode.startsWith(TOWNSHIP) || held.includes(f.id);

  it.each<[string, { category?: ChildCategory }, number]>([
    ['the list as it opens', {}, 1],
    ['the list as it opens', {}, 2],
    ['the list as it opens', {}, 5],
    ['the list as it opens', {}, 50],
    ['one category', { category: 'left_behind' }, 3],
  ])(
    'pages %s %j, %i at a time, as the whole list worked out from the files',
    async (_, extra, size) => {
      const sut_list = sut.app.get(ChildFileQueriesRepository);
      const expected = files
        .filter((f) => f.status === 'active' && inScope(f))
        .filter((f) => !extra.category || f.categories.includes(extra.category))
        .sort(listOrder)
        .map((f) => f.id);
      // Both parts in the list, interleaved in its order.
      const outside = (id: string) =>
        files.find((f) => f.id === id)!.divisionCode.startsWith(OTHER_TOWNSHIP);
      expect(expected.filter(outside).length).toBeGreaterThan(1);
      expect(outside(expected[0]) || outside(expected[1]) || outside(expected[2])).toBe(true);

      const pages: string[] = [];
      for (let offset = 0; offset <= expected.length; offset += size) {
        const [rows, total] = await sut_list.page(
          { divisionPrefixes: [TOWNSHIP], heldFileIds: held },
          { status: 'active', ...extra },
          offset,
          size,
        );
        expect(total).toBe(expected.length);
        pages.push(...rows.map((row) => row.id));
      }

      expect(pages).toEqual(expected);
    },
  );

  it('totals every filter as the files worked out here, whether the kept counts answer it or not', async () => {
    const sut_list = sut.app.get(ChildFileQueriesRepository);
    const divisions = [undefined, '341324', TOWNSHIP, `${TOWNSHIP}201`, OTHER_TOWNSHIP];
    const checked: string[] = [];
    for (const status of CHILD_FILE_STATUSES) {
      for (const division of divisions) {
        for (const category of [undefined, ...CHILD_CATEGORIES]) {
          for (const priorityOnly of [false, true]) {
            const filter = { status, division, category, priorityOnly };
            const expected = files.filter(
              (f) =>
                f.status === status &&
                inScope(f) &&
                f.divisionCode.startsWith(division ?? '') &&
                (!category || f.categories.includes(category)) &&
                (!priorityOnly || f.priority),
            ).length;
            const [, total] = await sut_list.page(
              { divisionPrefixes: [TOWNSHIP], heldFileIds: held },
              filter,
              0,
              1,
            );
            checked.push(`${JSON.stringify(filter)} ${total}/${expected}`);
            expect(`${JSON.stringify(filter)} ${total}`).toBe(
              `${JSON.stringify(filter)} ${expected}`,
            );
          }
        }
      }
    }
    // The walk met lists with files in them, not only empty ones.
    expect(checked.filter((line) => !line.endsWith(' 0/0')).length).toBeGreaterThan(20);
  });

  it('reads each part alone when the unit has only places, or only held files', async () => {
    const sut_list = sut.app.get(ChildFileQueriesRepository);
    const only = async (scope: { divisionPrefixes: string[]; heldFileIds: string[] }) =>
      (await sut_list.page(scope, { status: 'active' }, 0, 100))[0].map((row) => row.id);

    expect(await only({ divisionPrefixes: [TOWNSHIP], heldFileIds: [] })).toEqual(
      files
        .filter((f) => f.status === 'active' && f.divisionCode.startsWith(TOWNSHIP))
        .sort(listOrder)
        .map((f) => f.id),
    );
    expect(await only({ divisionPrefixes: [], heldFileIds: held })).toEqual(
      files
        .filter((f) => f.status === 'active' && held.includes(f.id))
        .sort(listOrder)
        .map((f) => f.id),
    );
    expect(
      await sut_list.page({ divisionPrefixes: [], heldFileIds: [] }, { status: 'active' }, 0, 10),
    ).toEqual([[], 0]);
  });

  (testDriver() === 'mysql' ? it : it.skip)(
    "reads each place's files in its index's order, sorting none of them",
    async () => {
      const db = sut.app.get(DataSource);
      const query = jest.spyOn(db, 'query');
      try {
        await sut.app
          .get(ChildFileQueriesRepository)
          .page({ divisionPrefixes: [TOWNSHIP], heldFileIds: [] }, { status: 'active' }, 0, 5);
        const [sql, parameters] = query.mock.calls.find(([text]) => text.includes('UNION ALL'))!;
        const plan = await db.query<{ table: string; key: string | null; Extra: string }[]>(
          `EXPLAIN ${sql}`,
          parameters,
        );
        const reads = plan.filter((row) => row.table === 'f');
        expect(reads.length).toBe(8);
        for (const read of reads) {
          expect(read.key).toBe('IDX_child_files_list_order');
          expect(read.Extra).not.toContain('filesort');
        }
      } finally {
        query.mockRestore();
      }
    },
  );
});

/**
 * A scope whose files lie in more places than are read one by one (a county's coordinator) is
 * read as one range, sorted: its pages too must be the slices of the list worked out here.
 */
describe('a list of files in more places than are read one by one', () => {
  const COUNTY_PREFIX = '341399';
  let sut: TestApp;
  let files: ChildFileEntity[];

  beforeAll(async () => {
    sut = await startTestApp();
    files = [];
    for (let i = 0; i < 70; i++) {
      files.push(
        await aChildFile(sut.app, {
          divisionCode: `${COUNTY_PREFIX}${String(100 + (i % 3)).padStart(3, '0')}${String(200 + i).padStart(3, '0')}`,
          categories: ['left_behind'],
          child: { name: `李${i}`, gender: 'male', ageYears: 8 },
          nextVisitDueAt: i % 6 === 0 ? null : new Date(T0 + (i % 5) * DAY),
          updatedAt: new Date(T0 - (i % 9) * 60_000),
        }),
      );
    }
  });
  afterAll(() => sut.close());

  it.each([7, 30, 100])('pages %i at a time as the whole list', async (size) => {
    const list = sut.app.get(ChildFileQueriesRepository);
    const expected = [...files].sort(listOrder).map((f) => f.id);
    const pages: string[] = [];
    for (let offset = 0; offset < expected.length; offset += size) {
      const [rows, total] = await list.page(
        { divisionPrefixes: [COUNTY_PREFIX], heldFileIds: [] },
        { status: 'active' },
        offset,
        size,
      );
      expect(total).toBe(expected.length);
      pages.push(...rows.map((row) => row.id));
    }

    expect(pages).toEqual(expected);
  });
});
