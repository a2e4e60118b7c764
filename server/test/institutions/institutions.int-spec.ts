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
  aFileForm,
  aSheetForm,
  anInstitution,
  anInstitutionBody,
} from '../factories/institution.factory';
import { aReport } from '../factories/report.factory';
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
      expect(JSON.parse(audit.detail)).toEqual({ created: 1, updated: 1, unchanged: 1 });
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

  it('hands out the template: the headings in row 1 and the type labels on a second sheet', async () => {
    const response = await fetch(`${sut.baseUrl}/institutions/template.xlsx`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const [sheet, types] = workbook.worksheets;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADINGS);
    expect(sheet.rowCount).toBe(1);
    expect(
      types
        .getColumn(1)
        .values.slice(2)
        .map((v) => String(v)),
    ).toEqual(ORG_TYPES.map((t) => ORG_TYPE_LABELS[t]));
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
