import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  INSTITUTION_IMPORT_MAX_ROWS,
  INSTITUTION_MESSAGES,
  INSTITUTION_SHEET_HEADINGS,
  INSTITUTION_TYPE_LABEL_MESSAGE,
  ORG_TYPES,
  ORG_TYPE_LABELS,
  type AuthResponse,
  type Institution,
  type InstitutionImportResult,
  type Invite,
  type Page,
  type ReportCreatedResponse,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { CreateInstitutionDto } from '../../src/institutions/dto/create-institution.dto';
import {
  CELL_KIND_MESSAGES,
  SHEET_CELL_MAX_UNITS,
  TEMPLATE_SHEETS,
} from '../../src/institutions/institution-sheet';
import {
  aFileForm,
  aSheetForm,
  anInstitution,
  anInstitutionBody,
} from '../factories/institution.factory';
import { aReport } from '../factories/report.factory';
import { aZip, aZipBombWorkbook, aZipEntry } from '../factories/zip.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_TOWN_2,
  HOME_VILLAGE,
  OTHER_TOWN,
  aWorld,
  type World,
} from '../factories/world.factory';
import { bodyFields, withValue } from '../setup/body-fields';
import { http } from '../setup/http';
import { changedTables, storedStateReader, type StoredState } from '../setup/stored-state';
import { startTestApp, type TestApp } from '../setup/test-app';

type ErrorBody = { code?: string; message?: string; errors?: Record<string, string> };

const H = INSTITUTION_SHEET_HEADINGS;
const HEADINGS = [H.name, H.type, H.divisionCode, H.contactName, H.contactPhone];

describe('register of mandated institutions: /institutions', () => {
  let sut: TestApp;
  let world: World;
  let db: DataSource;
  let readStored: () => Promise<StoredState>;
  let coordinator: AuthResponse;
  let otherCoordinator: AuthResponse;
  let cityCoordinator: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp();
    db = sut.app.get(DataSource);
    readStored = await storedStateReader(db, sut.config.uploads.directory);
    world = await aWorld(sut.baseUrl);
    [coordinator, otherCoordinator, cityCoordinator] = await Promise.all(
      [world.units.homeCoordinator, world.units.otherCoordinator, world.units.city].map((unit) =>
        aSessionWith(sut.baseUrl, { role: 'coordinator', unitId: unit.id }),
      ),
    );
  });
  afterAll(() => sut.close());

  /** Runs a request that must be refused and asserts that it stored nothing. */
  async function refusedStoringNothing<T>(request: () => Promise<T>): Promise<T> {
    const before = await readStored();
    const answer = await request();
    expect(changedTables(before, await readStored())).toEqual([]);
    return answer;
  }

  const list = (token: string, query = '') =>
    http<Page<Institution> & ErrorBody>(sut.baseUrl, 'GET', `/institutions${query}`, { token });

  const importSheet = (form: FormData, token = coordinator.token) =>
    http<InstitutionImportResult & ErrorBody>(sut.baseUrl, 'POST', '/institutions/import', {
      token,
      form,
    });

  describe('POST and PATCH', () => {
    it('enters an institution with its place, a dialable phone and no reporters yet', async () => {
      const body = anInstitutionBody({
        name: '  泗城镇关庙小学  ',
        divisionCode: HOME_VILLAGE,
        contactPhone: '(0557) 701-2345',
      });

      const answer = await http<Institution>(sut.baseUrl, 'POST', '/institutions', {
        token: coordinator.token,
        body,
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        countyCode: HOME_COUNTY,
        name: '泗城镇关庙小学',
        type: 'school',
        divisionCode: HOME_VILLAGE,
        placeName: '泗城镇 · 关庙村委会',
        contactName: '王校长',
        contactPhone: '05577012345',
        reporterCount: 0,
      });
    });

    it('answers 409 INSTITUTION_EXISTS for a name the county already holds, and stores nothing', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const answer = await refusedStoringNothing(() =>
        http<ErrorBody>(sut.baseUrl, 'POST', '/institutions', {
          token: coordinator.token,
          body: anInstitutionBody({ name: ` ${kept.name}` }),
        }),
      );

      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('INSTITUTION_EXISTS');
    });

    it('lets another county hold the same name', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const answer = await http<Institution>(sut.baseUrl, 'POST', '/institutions', {
        token: otherCoordinator.token,
        body: anInstitutionBody({ name: kept.name, divisionCode: OTHER_TOWN }),
      });

      expect(answer.status).toBe(201);
      expect(answer.body.countyCode).toBe('341322');
    });

    const textCases = bodyFields(CreateInstitutionDto)
      .filter((field) => field.kind === 'text')
      .flatMap((field): [string, string, unknown][] => [
        [field.path, 'one character too long', '校'.repeat((field.limit?.max ?? 0) + 1)],
        [field.path, 'blank', '   '],
        [field.path, 'a number', 12345],
      ]);
    const fieldCases: [string, string, unknown][] = [
      ...textCases,
      ['type', 'outside ORG_TYPES', 'bank'],
      ['type', 'missing', undefined],
      ['divisionCode', 'of 7 digits', '3413241'],
      ['divisionCode', 'of another county', OTHER_TOWN],
      ['divisionCode', 'that does not exist', '341324999'],
      ['divisionCode', 'missing', undefined],
      ['contactPhone', 'of letters', 'abc'],
      ['contactPhone', 'null', null],
      ['name', 'missing', undefined],
      ...(['name', 'contactName', 'contactPhone', 'divisionCode'] as const).flatMap(
        (path): [string, string, unknown][] => {
          const value = anInstitutionBody({ divisionCode: HOME_VILLAGE })[path] as string;
          const cut = Math.floor(value.length / 2);
          return [
            [path, 'with a line break', `${value.slice(0, cut)}\n${value.slice(cut)}`],
            [path, 'with a tab', `${value.slice(0, cut)}\t${value.slice(cut)}`],
            [path, 'ending in a line break', `${value}\r\n`],
          ];
        },
      ),
    ];

    it('walks every field of the body', () => {
      expect([...new Set(fieldCases.map(([path]) => path))].sort()).toEqual(
        ['contactName', 'contactPhone', 'divisionCode', 'name', 'type'].sort(),
      );
    });

    it.each(fieldCases)(
      'refuses %s %s with 400 on that field, storing nothing',
      async (path, _c, value) => {
        const answer = await refusedStoringNothing(() =>
          http<ErrorBody>(sut.baseUrl, 'POST', '/institutions', {
            token: coordinator.token,
            body: withValue(anInstitutionBody(), path, value),
          }),
        );

        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(answer.body.errors ?? {})).toEqual([path]);
      },
    );

    it('names the division rule the shared check gives', async () => {
      const answer = await http<ErrorBody>(sut.baseUrl, 'POST', '/institutions', {
        token: coordinator.token,
        body: anInstitutionBody({ divisionCode: OTHER_TOWN }),
      });

      expect(answer.body.errors).toEqual({
        divisionCode: INSTITUTION_MESSAGES.divisionOutsideCounty,
      });
    });

    it('changes the fields sent, clears a contact with null, and keeps the rest', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const answer = await http<Institution>(sut.baseUrl, 'PATCH', `/institutions/${kept.id}`, {
        token: coordinator.token,
        body: { type: 'kindergarten', divisionCode: HOME_TOWN_2, contactPhone: null },
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id: kept.id,
        name: kept.name,
        type: 'kindergarten',
        divisionCode: HOME_TOWN_2,
        placeName: '墩集镇',
        contactName: '王校长',
        contactPhone: null,
      });
    });

    it('refuses a rename onto a name the county holds with 409, and a bad field with 400, storing nothing', async () => {
      const [one, two] = [
        await anInstitution(sut.baseUrl, coordinator.token),
        await anInstitution(sut.baseUrl, coordinator.token),
      ];
      const patch = (body: unknown) =>
        refusedStoringNothing(() =>
          http<ErrorBody>(sut.baseUrl, 'PATCH', `/institutions/${two.id}`, {
            token: coordinator.token,
            body,
          }),
        );

      expect((await patch({ name: one.name })).body.code).toBe('INSTITUTION_EXISTS');
      expect((await patch({ divisionCode: OTHER_TOWN })).body.errors).toEqual({
        divisionCode: INSTITUTION_MESSAGES.divisionOutsideCounty,
      });
      expect((await patch({ name: null })).status).toBe(400);
    });

    it('answers 404 to another county coordinator, for a change and an invitation', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const change = await refusedStoringNothing(() =>
        http<ErrorBody>(sut.baseUrl, 'PATCH', `/institutions/${kept.id}`, {
          token: otherCoordinator.token,
          body: { type: 'hotel' },
        }),
      );
      const invite = await refusedStoringNothing(() =>
        http<ErrorBody>(sut.baseUrl, 'POST', `/institutions/${kept.id}/invites`, {
          token: otherCoordinator.token,
        }),
      );

      expect([change.status, invite.status]).toEqual([404, 404]);
    });

    it('keeps the register and its template from a city coordinator (403, in our shape)', async () => {
      expect((await list(cityCoordinator.token)).status).toBe(403);
      const template = await http<{ code: string }>(
        sut.baseUrl,
        'GET',
        '/institutions/template.xlsx',
        { token: cityCoordinator.token },
      );
      expect(template.status).toBe(403);
      expect(template.body.code).toBe('FORBIDDEN');
      expect(template.headers.get('content-disposition')).toBeNull();
    });
  });

  describe('GET', () => {
    let lister: AuthResponse;
    beforeAll(async () => {
      // A county of its own, so the figures are exact whatever other tests entered.
      const county = await http<{ id: string }>(sut.baseUrl, 'POST', '/admin/units', {
        token: (await anAdminSession(sut.baseUrl)).token,
        body: { name: '灵璧县联席办', department: 'coordinator', divisionPrefixes: ['341323'] },
      });
      lister = await aSessionWith(sut.baseUrl, { role: 'coordinator', unitId: county.body.id });
      const town = '341323100';
      for (const [name, type, divisionCode] of [
        ['灵城镇中心小学', 'school', town],
        ['灵城镇第二小学', 'school', town],
        ['灵璧县人民医院', 'medical', '341323'],
        ['灵城镇幼儿园', 'kindergarten', town],
        ['100%_好宾馆', 'hotel', '341323'],
      ] as const) {
        await anInstitution(sut.baseUrl, lister.token, { name, type, divisionCode });
      }
    });

    it('lists the county register by name, with the total', async () => {
      const answer = await list(lister.token);

      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(5);
      expect(answer.body.items.map((i) => i.name)).toEqual(
        [
          '100%_好宾馆',
          '灵城镇中心小学',
          '灵城镇幼儿园',
          '灵城镇第二小学',
          '灵璧县人民医院',
        ].sort(),
      );
    });

    it.each([
      ['?type=school', ['灵城镇中心小学', '灵城镇第二小学']],
      ['?division=341323100', ['灵城镇中心小学', '灵城镇幼儿园', '灵城镇第二小学']],
      ['?q=小学', ['灵城镇中心小学', '灵城镇第二小学']],
      ['?q=%25_', ['100%_好宾馆']],
      ['?type=school&q=第二', ['灵城镇第二小学']],
      ['?division=341324', []],
    ])('filters %s', async (query, names) => {
      const answer = await list(lister.token, query);

      expect(answer.body.items.map((i) => i.name).sort()).toEqual([...names].sort());
      expect(answer.body.total).toBe(names.length);
    });

    it('pages', async () => {
      const all = (await list(lister.token)).body.items.map((i) => i.name);
      const second = await list(lister.token, '?page=2&pageSize=2');

      expect(second.body.total).toBe(5);
      expect(second.body.items.map((i) => i.name)).toEqual(all.slice(2, 4));
    });

    it('shows another county none of it', async () => {
      const answer = await list(otherCoordinator.token, '?division=341323');

      expect(answer.body).toEqual({ items: [], total: 0 });
    });

    it.each(['?type=bank', '?division=12', '?page=0', '?pageSize=101', '?extra=1'])(
      'refuses %s with 400',
      async (query) => {
        expect((await list(lister.token, query)).status).toBe(400);
      },
    );
  });

  describe('import', () => {
    it('creates, updates and leaves unchanged by name, and counts each', async () => {
      const unchanged = await anInstitution(sut.baseUrl, coordinator.token, {
        name: `导入不变${randomUUID().slice(0, 6)}`,
        contactName: '李主任',
        contactPhone: '13900001111',
      });
      const updated = await anInstitution(sut.baseUrl, coordinator.token, {
        name: `导入更新${randomUUID().slice(0, 6)}`,
      });
      const fresh = `导入新建${randomUUID().slice(0, 6)}`;
      const form = await aSheetForm([
        [H.contactPhone, H.type, H.name, H.divisionCode, H.contactName],
        ['13900001111', '学校', unchanged.name, HOME_TOWN, '李主任'],
        [null, '旅店、宾馆', updated.name, Number(HOME_COUNTY), null],
        [],
        ['0557-7010000', '医疗机构', fresh, HOME_VILLAGE, '张医生'],
      ]);

      const answer = await importSheet(form);

      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ created: 1, updated: 1, unchanged: 1 });
      const rows = (await list(coordinator.token, '?q=导入&pageSize=100')).body.items;
      expect(rows.find((r) => r.name === updated.name)).toMatchObject({
        type: 'hotel',
        divisionCode: HOME_COUNTY,
        contactName: null,
        contactPhone: null,
      });
      expect(rows.find((r) => r.name === fresh)).toMatchObject({
        type: 'medical',
        divisionCode: HOME_VILLAGE,
        contactName: '张医生',
        contactPhone: '05577010000',
      });
      const [audit] = await db.query(
        "SELECT detail FROM audit_log WHERE action = 'institution.import' ORDER BY seq DESC LIMIT 1",
      );
      expect(JSON.parse(audit.detail)).toEqual({
        created: 1,
        updated: 1,
        unchanged: 1,
        restored: 0,
      });
    });

    it('takes two imports of the same new names at once, storing each name once (the later one updates it)', async () => {
      for (let round = 0; round < 4; round++) {
        const names = [1, 2, 3].map((n) => `同时导入${n}-${randomUUID().slice(0, 6)}`);
        const sheet = () =>
          aSheetForm([
            [H.name, H.type, H.divisionCode],
            ...names.map((name) => [name, '学校', HOME_TOWN]),
          ]);
        const [first, second] = await Promise.all([
          importSheet(await sheet()),
          importSheet(await sheet()),
        ]);

        expect([first.status, second.status]).toEqual([201, 201]);
        expect(first.body.created + second.body.created).toBe(names.length);
        const stored = await db.query(
          `SELECT name FROM institutions WHERE name IN (${names.map(() => '?').join(',')})`,
          names,
        );
        expect(stored).toHaveLength(names.length);
      }
    });

    it('keeps the stored contacts of a sheet without the contact columns, clearing them only from empty cells', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token, {
        name: `导入保留${randomUUID().slice(0, 6)}`,
        contactName: '王校长',
        contactPhone: '13900002222',
      });
      const cleared = await anInstitution(sut.baseUrl, coordinator.token, {
        name: `导入清空${randomUUID().slice(0, 6)}`,
        contactName: '赵主任',
        contactPhone: '13900003333',
      });

      const without = await importSheet(
        await aSheetForm([
          [H.name, H.type, H.divisionCode],
          [kept.name, '学校', HOME_TOWN],
        ]),
      );
      const emptied = await importSheet(
        await aSheetForm([
          [H.name, H.type, H.divisionCode, H.contactName],
          [cleared.name, '学校', HOME_TOWN, null],
        ]),
      );

      expect(without.body).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(emptied.body).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const rows = (await list(coordinator.token, '?q=导入&pageSize=100')).body.items;
      expect(rows.find((r) => r.name === kept.name)).toMatchObject({
        contactName: '王校长',
        contactPhone: '13900002222',
      });
      expect(rows.find((r) => r.name === cleared.name)).toMatchObject({
        contactName: null,
        contactPhone: '13900003333',
      });
    });

    const good = () => [
      '好学校' + randomUUID().slice(0, 6),
      '学校',
      HOME_TOWN,
      '王老师',
      '13900000000',
    ];
    it.each<[string, () => unknown[][], Record<string, string>]>([
      [
        'a missing heading',
        () => [
          [H.name, H.divisionCode],
          ['某学校', HOME_TOWN],
        ],
        { '第1行 类型': '第1行缺少“类型”一列，请用下载的模板填写' },
      ],
      [
        'a bad type label',
        () => [HEADINGS, good(), ['某小学', '小学', HOME_TOWN]],
        { '第3行 类型': INSTITUTION_TYPE_LABEL_MESSAGE },
      ],
      [
        'an unknown division',
        () => [HEADINGS, ['某小学', '学校', '341324999']],
        { '第2行 区划代码': INSTITUTION_MESSAGES.divisionUnknown },
      ],
      [
        'a division of another county',
        () => [HEADINGS, good(), good(), ['某小学', '学校', OTHER_TOWN]],
        { '第4行 区划代码': INSTITUTION_MESSAGES.divisionOutsideCounty },
      ],
      [
        'a name twice',
        () => [
          HEADINGS,
          ['同名学校', '学校', HOME_TOWN],
          good(),
          [' 同名学校', '幼儿园', HOME_TOWN],
        ],
        { '第4行 名称': '与第2行重名：一个机构只填一行' },
      ],
      [
        'a bad phone and a missing name in one row',
        () => [HEADINGS, [null, '学校', HOME_TOWN, null, '123']],
        { '第2行 名称': '请填写机构名称', '第2行 联系电话': INSTITUTION_MESSAGES.contactPhone },
      ],
      [
        'too many rows',
        () => [
          HEADINGS,
          ...Array.from({ length: INSTITUTION_IMPORT_MAX_ROWS + 1 }, (_, i) => [
            `学校${i}`,
            '学校',
            HOME_TOWN,
          ]),
        ],
        { file: `一次最多导入${INSTITUTION_IMPORT_MAX_ROWS}个机构，请分成几个表格导入` },
      ],
      ['no rows', () => [HEADINGS], { file: '表格中没有填写机构' }],
    ])('refuses %s with 400 and the exact keys, storing nothing', async (_case, rows, errors) => {
      const form = await aSheetForm(rows());

      const answer = await refusedStoringNothing(() => importSheet(form));

      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors).toEqual(errors);
    });

    it.each([
      ['a text file', new TextEncoder().encode('名称,类型\n某学校,学校\n'), 'a.xlsx'],
      ['a zip that is no workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'b.xlsx'],
    ])('refuses %s as not an .xlsx, storing nothing', async (_case, bytes, name) => {
      const answer = await refusedStoringNothing(() => importSheet(aFileForm(bytes, name)));

      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual({
        file: '这个文件不是能打开的 Excel 表格（.xlsx），请用下载的模板填写后上传',
      });
    });

    it('refuses a file over 2 MB with 413, storing nothing', async () => {
      const answer = await refusedStoringNothing(() =>
        importSheet(aFileForm(new Uint8Array(2 * 1024 * 1024 + 1), 'big.xlsx')),
      );

      expect(answer.status).toBe(413);
    });

    it('keeps the import from another role (403)', async () => {
      const reporter = await aReporterSession(sut.baseUrl);
      const form = await aSheetForm([HEADINGS, good()]);

      expect((await importSheet(form, reporter.token)).status).toBe(403);
      expect((await importSheet(form, cityCoordinator.token)).status).toBe(403);
    });
  });

  describe('an upload that unpacks to far more than it weighs', () => {
    const UNPACKS = '请用下载的模板重新保存后上传';

    it.each([
      ['declaring its true size', undefined],
      ['understating its size in its headers', 2048],
    ])(
      'refuses a sheet of a few hundred KB whose strings unpack to 500 MiB, %s: a quick 400 on file, storing nothing',
      async (_case, declaredSize) => {
        const bomb = aZipBombWorkbook(500, declaredSize);
        expect(bomb.length).toBeLessThan(1024 * 1024);
        const started = performance.now();

        const answer = await refusedStoringNothing(() => importSheet(aFileForm(bomb, 'bomb.xlsx')));

        expect(performance.now() - started).toBeLessThan(3000);
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(answer.body.errors ?? {})).toEqual(['file']);
        expect(answer.body.errors?.file).toContain(UNPACKS);
      },
    );

    it('refuses a zip of thousands of entries with 400 on file, storing nothing', async () => {
      const entries = Array.from({ length: 5000 }, (_, i) => aZipEntry(`x/${i}.xml`, ''));

      const answer = await refusedStoringNothing(() =>
        importSheet(aFileForm(aZip(entries), 'many.xlsx')),
      );

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.file).toContain(UNPACKS);
    });
  });

  describe('cells that hold no text, and text on more than one line', () => {
    const FIELDS = Object.keys(H) as (keyof typeof H)[];
    const LABELS: Record<keyof typeof H, string> = {
      name: '机构名称',
      type: '类型',
      divisionCode: '区划代码',
      contactName: '联系人',
      contactPhone: '联系电话',
    };
    const good = (): Record<keyof typeof H, unknown> => ({
      name: `单元格${randomUUID().slice(0, 6)}小学`,
      type: '学校',
      divisionCode: HOME_TOWN,
      contactName: '王老师',
      contactPhone: '13900000000',
    });
    const broken = (text: string, mark: string) =>
      `${text.slice(0, Math.ceil(text.length / 2))}${mark}${text.slice(Math.ceil(text.length / 2))}`;
    const KINDS: [string, (value: string) => unknown, (field: keyof typeof H) => string][] = [
      ['a date', () => new Date('2026-03-01T00:00:00Z'), () => CELL_KIND_MESSAGES.date],
      ['TRUE', () => true, () => CELL_KIND_MESSAGES.boolean],
      ['FALSE', () => false, () => CELL_KIND_MESSAGES.boolean],
      ['an error value', () => ({ error: '#N/A' }), () => CELL_KIND_MESSAGES.error('#N/A')],
      [
        'a formula without a result',
        () => ({ formula: 'A1&B1' }),
        () => CELL_KIND_MESSAGES.formula,
      ],
      [
        'a formula whose result is a date',
        () => ({ formula: 'TODAY()', result: new Date('2026-03-01T00:00:00Z') }),
        () => CELL_KIND_MESSAGES.date,
      ],
      [
        'a cell of thousands of characters',
        () => '校'.repeat(SHEET_CELL_MAX_UNITS + 1),
        () => CELL_KIND_MESSAGES.tooLong,
      ],
      [
        'a line break',
        (value) => broken(value, '\n'),
        (field) => `${LABELS[field]}要写在一行内，请删去换行和制表符（Tab）`,
      ],
      [
        'a line break (Alt+Enter in Excel, \\r\\n)',
        (value) => broken(value, '\r\n'),
        (field) => `${LABELS[field]}要写在一行内，请删去换行和制表符（Tab）`,
      ],
      [
        'a tab',
        (value) => broken(value, '\t'),
        (field) => `${LABELS[field]}要写在一行内，请删去换行和制表符（Tab）`,
      ],
      [
        'a trailing line break',
        (value) => `${value}\n`,
        (field) => `${LABELS[field]}要写在一行内，请删去换行和制表符（Tab）`,
      ],
    ];
    const cases = FIELDS.flatMap((field) =>
      KINDS.map(
        ([kind, value, message]): [string, string, keyof typeof H, typeof value, string] => [
          H[field],
          kind,
          field,
          value,
          message(field),
        ],
      ),
    );

    it('walks every column of the sheet', () => {
      expect([...new Set(cases.map(([heading]) => heading))]).toEqual(HEADINGS);
    });

    it.each(cases)(
      'refuses %s holding %s with 400 on that cell, storing nothing',
      async (heading, _kind, field, value, message) => {
        const row = good();
        row[field] = value(String(row[field]));
        const form = await aSheetForm([HEADINGS, Object.values(good()), FIELDS.map((f) => row[f])]);

        const answer = await refusedStoringNothing(() => importSheet(form));

        expect(answer.status).toBe(400);
        expect(answer.body.errors).toEqual({ [`第3行 ${heading}`]: message });
      },
    );

    it('takes a formula’s text or number, rich text and a hyperlink’s text', async () => {
      const name = `公式${randomUUID().slice(0, 6)}小学`;
      const form = await aSheetForm([
        HEADINGS,
        [
          { formula: 'CONCAT("a","b")', result: name },
          { richText: [{ text: '学' }, { text: '校', font: { bold: true } }] },
          { formula: '341324100', result: Number(HOME_TOWN) },
          { text: '王老师', hyperlink: 'mailto:wang@example.cn' },
          13900000000,
        ],
      ]);

      const answer = await importSheet(form);

      expect(answer.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const [stored] = (await list(coordinator.token, `?q=${encodeURIComponent(name)}`)).body.items;
      expect(stored).toMatchObject({
        name,
        type: 'school',
        divisionCode: HOME_TOWN,
        contactName: '王老师',
        contactPhone: '13900000000',
      });
    });
  });

  describe('one name, one institution: names that look the same', () => {
    const FULL_WIDTH = (text: string) =>
      text.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    /** A canonical name with digits, a letter, a space and brackets, as the variants change them. */
    const aName = () =>
      `泗县${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}A区 中学（本部）`;
    const VARIANTS: [string, (name: string) => string][] = [
      ['half-width brackets', (n) => n.replace('（', '(').replace('）', ')')],
      ['full-width digits and letters', FULL_WIDTH],
      ['a zero-width space', (n) => n.replace('泗县', '泗县\u200B')],
      ['a zero-width joiner', (n) => n.replace('中学', '中\u200D学')],
      ['a byte-order mark in front', (n) => `\uFEFF${n}`],
      ['a no-break space', (n) => n.replace(' ', '\u00A0')],
      ['an ideographic space', (n) => n.replace(' ', '\u3000')],
      ['a doubled space', (n) => n.replace(' ', '  ')],
      ['leading and trailing spaces', (n) => `  ${n} `],
      ['a space before the bracket', (n) => n.replace('（', ' (')],
    ];

    it('stores a name in its canonical form, whichever way it was typed', async () => {
      const name = aName();

      const answer = await http<Institution>(sut.baseUrl, 'POST', '/institutions', {
        token: coordinator.token,
        body: anInstitutionBody({ name: FULL_WIDTH(` ${name.replace('（', '(')}\u200B`) }),
      });

      expect(answer.status).toBe(201);
      expect(answer.body.name).toBe(name);
    });

    it.each(VARIANTS)(
      'answers 409 INSTITUTION_EXISTS to a new institution named with %s, storing nothing',
      async (_case, variant) => {
        const kept = await anInstitution(sut.baseUrl, coordinator.token, { name: aName() });

        const answer = await refusedStoringNothing(() =>
          http<ErrorBody>(sut.baseUrl, 'POST', '/institutions', {
            token: coordinator.token,
            body: anInstitutionBody({ name: variant(kept.name) }),
          }),
        );

        expect(answer.status).toBe(409);
        expect(answer.body.code).toBe('INSTITUTION_EXISTS');
      },
    );

    it.each(VARIANTS)(
      'answers 409 INSTITUTION_EXISTS to a rename onto a name with %s, storing nothing',
      async (_case, variant) => {
        const kept = await anInstitution(sut.baseUrl, coordinator.token, { name: aName() });
        const other = await anInstitution(sut.baseUrl, coordinator.token);

        const answer = await refusedStoringNothing(() =>
          http<ErrorBody>(sut.baseUrl, 'PATCH', `/institutions/${other.id}`, {
            token: coordinator.token,
            body: { name: variant(kept.name) },
          }),
        );

        expect(answer.status).toBe(409);
        expect(answer.body.code).toBe('INSTITUTION_EXISTS');
      },
    );

    it.each(VARIANTS)(
      'updates the institution from an import row named with %s',
      async (_case, variant) => {
        const kept = await anInstitution(sut.baseUrl, coordinator.token, { name: aName() });

        const answer = await importSheet(
          await aSheetForm([HEADINGS, [variant(kept.name), '幼儿园', HOME_TOWN]]),
        );

        expect(answer.body).toEqual({ created: 0, updated: 1, unchanged: 0 });
        const found = await list(coordinator.token, `?q=${encodeURIComponent(kept.name)}`);
        expect(found.body.items.map((i) => [i.id, i.name, i.type])).toEqual([
          [kept.id, kept.name, 'kindergarten'],
        ]);
      },
    );

    it('counts two rows of one sheet whose names look the same as one name twice', async () => {
      const name = aName();

      const form = await aSheetForm([
        HEADINGS,
        [name, '学校', HOME_TOWN],
        [FULL_WIDTH(name), '学校', HOME_TOWN],
      ]);

      const answer = await refusedStoringNothing(() => importSheet(form));

      expect(answer.body.errors).toEqual({ '第3行 名称': '与第2行重名：一个机构只填一行' });
    });

    it('finds a name by a search typed the other way', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token, { name: aName() });
      const typed = FULL_WIDTH(kept.name).replace('（', '(');

      const found = await list(coordinator.token, `?q=${encodeURIComponent(typed)}`);

      expect(found.body.items.map((i) => i.id)).toEqual([kept.id]);
    });
  });

  describe('retiring an institution (停用) and bringing it back (恢复)', () => {
    const patch = (id: string, body: unknown, token = coordinator.token) =>
      http<Institution & ErrorBody>(sut.baseUrl, 'PATCH', `/institutions/${id}`, { token, body });
    const inviteInto = (id: string) =>
      http<Invite & ErrorBody>(sut.baseUrl, 'POST', `/institutions/${id}/invites`, {
        token: coordinator.token,
      });
    const listed = async (id: string, query: string) =>
      (await list(coordinator.token, `${query}${query ? '&' : '?'}pageSize=100`)).body.items.some(
        (i) => i.id === id,
      );

    it('takes it off the register and lists it under ?retired=true until restored, audited', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token, {
        name: `停用${randomUUID().slice(0, 6)}小学`,
      });
      const q = `?q=${encodeURIComponent(kept.name)}`;
      expect(kept.retiredAt).toBeNull();

      const retired = await patch(kept.id, { retired: true });

      expect(retired.status).toBe(200);
      expect(retired.body.retiredAt).toEqual(expect.any(String));
      expect(await listed(kept.id, q)).toBe(false);
      expect(await listed(kept.id, `${q}&retired=true`)).toBe(true);
      expect(await listed(kept.id, `${q}&retired=false`)).toBe(false);

      const again = await patch(kept.id, { retired: true });
      expect(again.body.retiredAt).toBe(retired.body.retiredAt);

      const restored = await patch(kept.id, { retired: false });

      expect(restored.body.retiredAt).toBeNull();
      expect(await listed(kept.id, q)).toBe(true);
      expect(await listed(kept.id, `${q}&retired=true`)).toBe(false);
      const audits: { detail: string }[] = await db.query(
        "SELECT detail FROM audit_log WHERE action = 'institution.update' AND target_id = ? ORDER BY seq",
        [kept.id],
      );
      expect(audits.map((a) => JSON.parse(a.detail).retired)).toEqual([true, true, false]);
    });

    it.each([
      ['retired as text', { retired: 'true' }],
      ['retired as a number', { retired: 1 }],
      ['retired null', { retired: null }],
    ])('refuses %s with 400 on retired, storing nothing', async (_case, body) => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const answer = await refusedStoringNothing(() => patch(kept.id, body));

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toEqual(['retired']);
    });

    it('refuses ?retired=yes with 400', async () => {
      expect((await list(coordinator.token, '?retired=yes')).status).toBe(400);
    });

    it('answers 404 to another county’s coordinator, storing nothing', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);

      const answer = await refusedStoringNothing(() =>
        patch(kept.id, { retired: true }, otherCoordinator.token),
      );

      expect(answer.status).toBe(404);
    });

    it('gives a retired institution no new invitation (409 INSTITUTION_RETIRED), storing nothing', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);
      await patch(kept.id, { retired: true });

      const answer = await refusedStoringNothing(() => inviteInto(kept.id));

      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('INSTITUTION_RETIRED');
      expect(answer.body.message).toContain(kept.name);
      await patch(kept.id, { retired: false });
      expect((await inviteInto(kept.id)).status).toBe(201);
    });

    it('lets nobody join by an invitation issued before it was retired, until it is restored', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);
      const invite = await inviteInto(kept.id);
      await patch(kept.id, { retired: true });
      const teacher = await aReporterSession(sut.baseUrl);
      const redeem = () =>
        http<AuthResponse & ErrorBody>(sut.baseUrl, 'POST', '/auth/redeem', {
          token: teacher.token,
          body: { code: invite.body.code },
        });

      const refused = await refusedStoringNothing(redeem);

      expect([refused.status, refused.body.code]).toEqual([409, 'INSTITUTION_RETIRED']);
      await patch(kept.id, { retired: false });
      expect((await redeem()).status).toBe(200);
    });

    it('stops counting its reporters’ new reports for it; those filed before keep it', async () => {
      const school = await anInstitution(sut.baseUrl, coordinator.token);
      const invite = await inviteInto(school.id);
      const teacher = await aReporterSession(sut.baseUrl);
      const joined = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/redeem', {
        token: teacher.token,
        body: { code: invite.body.code },
      });
      const file = () =>
        http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
          token: joined.body.token,
          body: aReport({ channel: 'mandatory', location: { divisionCode: HOME_TOWN } }),
          headers: { 'idempotency-key': randomUUID() },
        });
      const institutionOf = async (reportId: string) =>
        (
          await db.query('SELECT institution_id, reporter_org_name FROM reports WHERE id = ?', [
            reportId,
          ])
        )[0];

      const before = await file();
      await patch(school.id, { retired: true });
      const after = await file();
      await patch(school.id, { retired: false });
      const restored = await file();

      expect([before.status, after.status, restored.status]).toEqual([201, 201, 201]);
      expect(await institutionOf(before.body.id)).toEqual({
        institution_id: school.id,
        reporter_org_name: school.name,
      });
      // Still a mandated reporter's report, under the name they joined with; for no institution.
      expect(await institutionOf(after.body.id)).toEqual({
        institution_id: null,
        reporter_org_name: school.name,
      });
      expect((await institutionOf(restored.body.id)).institution_id).toBe(school.id);
    });

    it('refuses a new institution of a retired one’s name with 409, saying it is retired', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token);
      await patch(kept.id, { retired: true });

      const answer = await refusedStoringNothing(() =>
        http<ErrorBody>(sut.baseUrl, 'POST', '/institutions', {
          token: coordinator.token,
          body: anInstitutionBody({ name: kept.name }),
        }),
      );

      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('INSTITUTION_EXISTS');
      expect(answer.body.message).toContain('已停用');
    });

    it('brings it back from an import row of its name, counted as updated', async () => {
      const kept = await anInstitution(sut.baseUrl, coordinator.token, {
        type: 'school',
        divisionCode: HOME_TOWN,
        contactName: '王校长',
        contactPhone: '13900004444',
      });
      await patch(kept.id, { retired: true });

      const answer = await importSheet(
        await aSheetForm([HEADINGS, [kept.name, '学校', HOME_TOWN, '王校长', '13900004444']]),
      );

      expect(answer.body).toEqual({ created: 0, updated: 1, unchanged: 0 });
      const found = await list(coordinator.token, `?q=${encodeURIComponent(kept.name)}`);
      expect(found.body.items.map((i) => [i.id, i.retiredAt])).toEqual([[kept.id, null]]);
      const [audit] = await db.query(
        "SELECT detail FROM audit_log WHERE action = 'institution.import' ORDER BY seq DESC LIMIT 1",
      );
      expect(JSON.parse(audit.detail)).toMatchObject({ updated: 1, restored: 1 });
    });
  });

  describe('the template', () => {
    const template = async (token = coordinator.token) => {
      const response = await fetch(`${sut.baseUrl}/institutions/template.xlsx`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      return { response, workbook };
    };
    type Validations = { dataValidations: { model: Record<string, ExcelJS.DataValidation> } };
    const validationsOf = (sheet: ExcelJS.Worksheet) =>
      (sheet as unknown as Validations).dataValidations.model;

    it('holds the headings in row 1, the type labels and the county’s divisions on sheets of their own', async () => {
      const { response, workbook } = await template();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(TEMPLATE_SHEETS));
      const [sheet, types, divisions] = workbook.worksheets;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADINGS);
      expect(sheet.rowCount).toBe(1);
      expect(
        types
          .getColumn(1)
          .values.slice(2)
          .map((v) => String(v)),
      ).toEqual(ORG_TYPES.map((t) => ORG_TYPE_LABELS[t]));
      const rows = (divisions.getSheetValues() as unknown[][])
        .slice(2)
        .map((row) => row.slice(1, 3));
      const expected = (
        await db.query('SELECT code FROM divisions WHERE code LIKE ? ORDER BY code', [
          `${HOME_COUNTY}%`,
        ])
      ).map((row: { code: string }) => row.code);
      expect(rows.map(([code]) => code)).toEqual(expected);
      expect(rows).toEqual(
        expect.arrayContaining([
          [HOME_COUNTY, '泗县'],
          [HOME_TOWN, '泗城镇'],
          [HOME_VILLAGE, '泗城镇 · 关庙村委会'],
        ]),
      );
      expect(rows.every(([code]) => typeof code === 'string')).toBe(true);
    });

    it('makes 类型 and 区划代码 drop-down lists of those sheets, on every row an import may hold', async () => {
      const { workbook } = await template();
      const [sheet, , divisions] = workbook.worksheets;
      const validations = validationsOf(sheet);
      const column = (heading: (typeof HEADINGS)[number]) =>
        String.fromCharCode(64 + HEADINGS.indexOf(heading) + 1);
      const lastRow = INSTITUTION_IMPORT_MAX_ROWS + 1;

      for (const row of [2, lastRow]) {
        expect(validations[`${column(H.type)}${row}`]).toMatchObject({
          type: 'list',
          formulae: [`'${TEMPLATE_SHEETS.types}'!$A$2:$A$${ORG_TYPES.length + 1}`],
          showErrorMessage: true,
        });
        expect(validations[`${column(H.divisionCode)}${row}`]).toMatchObject({
          type: 'list',
          formulae: [`'${TEMPLATE_SHEETS.divisions}'!$A$2:$A$${divisions.rowCount}`],
          showErrorMessage: true,
        });
      }
      expect(validations[`${column(H.name)}2`]).toBeUndefined();
      expect(validations[`${column(H.type)}${lastRow + 1}`]).toBeUndefined();
      // Typed as text, a code stays one the list holds and a phone keeps its leading 0.
      expect(sheet.getColumn(column(H.divisionCode)).numFmt).toBe('@');
      expect(sheet.getColumn(column(H.contactPhone)).numFmt).toBe('@');
    });
  });

  it('invites a mandated reporter into the institution, whose mandatory reports count for it', async () => {
    const school = await anInstitution(sut.baseUrl, coordinator.token, { type: 'school' });
    const invite = await http<Invite>(sut.baseUrl, 'POST', `/institutions/${school.id}/invites`, {
      token: coordinator.token,
    });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({
      role: 'mandated_reporter',
      orgName: school.name,
      orgType: 'school',
    });
    // Renamed before it is redeemed: the reporter joins under the register's name.
    await http(sut.baseUrl, 'PATCH', `/institutions/${school.id}`, {
      token: coordinator.token,
      body: { name: `${school.name}（本部）` },
    });
    const teacher = await aReporterSession(sut.baseUrl);
    const redeemed = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/redeem', {
      token: teacher.token,
      body: { code: invite.body.code },
    });
    expect(redeemed.status).toBe(200);

    const filed = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: redeemed.body.token,
      body: aReport({ channel: 'mandatory', location: { divisionCode: HOME_TOWN } }),
      headers: { 'idempotency-key': randomUUID() },
    });
    const publicReport = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: redeemed.body.token,
      body: aReport({ channel: 'public', location: { divisionCode: HOME_TOWN } }),
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(filed.status).toBe(201);
    const [user] = await db.query(
      'SELECT institution_id, org_name, org_type FROM users WHERE id = ?',
      [redeemed.body.user.id],
    );
    expect(user).toEqual({
      institution_id: school.id,
      org_name: `${school.name}（本部）`,
      org_type: 'school',
    });
    const reports = await db.query('SELECT id, institution_id FROM reports WHERE id IN (?, ?)', [
      filed.body.id,
      publicReport.body.id,
    ]);
    expect(
      Object.fromEntries(
        reports.map((r: { id: string; institution_id: string | null }) => [r.id, r.institution_id]),
      ),
    ).toEqual({
      [filed.body.id]: school.id,
      [publicReport.body.id]: null,
    });
    const listed = await list(coordinator.token, `?q=${encodeURIComponent(school.name)}`);
    expect(listed.body.items[0].reporterCount).toBe(1);
  });

  it('keeps the contact name and phone out of every audit row', async () => {
    const contactName = `审计联系人${randomUUID().slice(0, 4)}`;
    const kept = await anInstitution(sut.baseUrl, coordinator.token, {
      contactName,
      contactPhone: '13912345678',
    });
    await http(sut.baseUrl, 'PATCH', `/institutions/${kept.id}`, {
      token: coordinator.token,
      body: { contactName: `${contactName}乙`, contactPhone: '13987654321' },
    });
    await importSheet(
      await aSheetForm([
        HEADINGS,
        [kept.name, '学校', HOME_TOWN, `${contactName}丙`, '13811112222'],
      ]),
    );

    const rows: { action: string; detail: string | null }[] = await db.query(
      "SELECT action, detail FROM audit_log WHERE action LIKE 'institution.%'",
    );
    const text = JSON.stringify(rows);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'institution.create',
        'institution.update',
        'institution.import',
        'institution.list',
      ]),
    );
    for (const secret of [contactName, '13912345678', '13987654321', '13811112222']) {
      expect(text).not.toContain(secret);
    }
  });
});
