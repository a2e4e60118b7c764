import {
  CLOSE_REASONS,
  idNumberCheckCharacter,
  type AuthResponse,
  type ChildFileChild,
  type ChildFilePerson,
  type ChildFileSummary,
  type Unit,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { CreateChildFileDto, UpdateChildFileDto } from '../../src/child-files/dto/child-file.dto';
import { ChildFileEntity, ChildFileEventEntity } from '../../src/children/child-file.entity';
import { Sealer } from '../../src/crypto/sealer';
import { orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_VILLAGE,
  HOME_VILLAGE_2,
  aWorld,
  type World,
} from '../factories/world.factory';
import { bodyFields, withValue } from '../setup/body-fields';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** 关庙村 and 胡陈村 of 泗城镇, each with a village unit in the world; 赵庄村 of 泗城镇 has none. */
const GUANMIAO = HOME_VILLAGE;
const HUCHEN = HOME_VILLAGE_2;
const VILLAGE_WITHOUT_UNIT = '341324100208';

let serial = 0;

/** A valid 身份证号 of the county for a birth date, unique per call. */
function anIdNumber(birthDate: string): string {
  serial += 1;
  const first17 = `${HOME_COUNTY}${birthDate.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** A child no other test uses: a name, birth date and 身份证号 of its own. */
function aChild(overrides: ChildFileChild = {}): Required<Omit<ChildFileChild, 'ageYears'>> {
  serial += 1;
  const birthDate = '2015-03-01';
  return {
    name: `测童${String.fromCodePoint(0x4e00 + serial)}${String.fromCodePoint(0x4e80 + serial)}`,
    gender: 'male',
    birthDate,
    idNumber: anIdNumber(birthDate),
    school: '泗城镇中心小学',
    ...overrides,
  } as Required<Omit<ChildFileChild, 'ageYears'>>;
}

function aGuardianPhone(): string {
  serial += 1;
  return `1391${String(serial).padStart(7, '0')}`;
}

describe('child-file writes: POST /children and PATCH /children/:id', () => {
  let sut: TestApp;
  let world: World;
  let db: DataSource;
  let sealer: Sealer;
  let units: { guanmiao: Unit; huchen: Unit; police: Unit; civil: Unit; education: Unit };
  const s: Record<string, AuthResponse> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    db = sut.app.get(DataSource);
    sealer = sut.app.get(Sealer);
    world = await aWorld(sut.baseUrl);
    units = {
      guanmiao: world.units.homeVillage,
      huchen: world.units.homeVillage2,
      police: await aUnit(sut.baseUrl, { department: 'police', divisionPrefixes: [HOME_COUNTY] }),
      civil: await aUnit(sut.baseUrl, {
        department: 'civil_affairs',
        divisionPrefixes: [HOME_COUNTY],
      }),
      education: await aUnit(sut.baseUrl, {
        department: 'education',
        divisionPrefixes: [HOME_COUNTY],
      }),
    };
    const handlerOf = (unit: Unit) =>
      aSessionWith(sut.baseUrl, { role: 'handler', unitId: unit.id });
    s.guanmiao = await handlerOf(units.guanmiao);
    s.huchen = await handlerOf(units.huchen);
    s.township = await handlerOf(world.units.homeTownship);
    s.dunji = await handlerOf(world.units.homeTownship2);
    s.police = await handlerOf(units.police);
    s.civil = await handlerOf(units.civil);
    s.education = await handlerOf(units.education);
    s.coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });
    s.otherCoordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.otherCoordinator.id,
    });
    s.reporter = await aReporterSession(sut.baseUrl);
    s.mandated = await aSessionWith(sut.baseUrl, {
      role: 'mandated_reporter',
      orgName: '泗城镇中心小学',
      orgType: 'school',
    });
    s.hotline = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    s.admin = await anAdminSession(sut.baseUrl);
  }, 120_000);

  afterAll(() => sut.close());

  function aFileBody(overrides: Record<string, unknown> = {}) {
    return {
      divisionCode: GUANMIAO,
      child: aChild(),
      categories: ['left_behind'],
      guardian: { name: '测父', phone: aGuardianPhone(), relation: '父亲' },
      carer: { name: '测奶奶', phone: '0557-5012345', relation: '祖母' },
      help: [{ kind: 'paired_teacher', since: '2026-01-05', provider: '泗城镇中心小学王老师' }],
      ...overrides,
    };
  }

  const post = (token: string | undefined, body: unknown) =>
    http<{ id: string; code?: string; message?: string; errors?: Record<string, string> }>(
      sut.baseUrl,
      'POST',
      '/children',
      { token, body },
    );

  const patch = (token: string, id: string, body: unknown) =>
    http<ChildFileSummary & { code?: string; errors?: Record<string, string> }>(
      sut.baseUrl,
      'PATCH',
      `/children/${id}`,
      { token, body },
    );

  async function aFile(token = s.guanmiao.token, overrides: Record<string, unknown> = {}) {
    const body = aFileBody(overrides);
    const created = await post(token, body);
    expect(created.status).toBe(201);
    return { id: created.body.id, body };
  }

  const row = (id: string) => db.getRepository(ChildFileEntity).findOneByOrFail({ id });
  const events = (id: string) =>
    db
      .getRepository(ChildFileEventEntity)
      .find({ where: { childFileId: id }, order: { at: 'ASC' } });
  const opened = <T>(sealed: string | null): T | null => (sealed ? sealer.open<T>(sealed) : null);
  const fileCount = async () => db.getRepository(ChildFileEntity).count();

  describe('opening a file (摸排)', () => {
    it.each([
      ['the village handler, in the village', 'guanmiao', GUANMIAO, 'guanmiao'],
      ['the township handler, in a village of the township', 'township', HUCHEN, 'huchen'],
      [
        'the township handler, in a village without a unit',
        'township',
        VILLAGE_WITHOUT_UNIT,
        'township',
      ],
      ['the coordinator, at township level', 'coordinator', HOME_TOWN, 'township'],
    ])('lets %s open it, kept by the unit of the place', async (_who, caller, place, keeper) => {
      const { id, body } = await aFile(s[caller].token, { divisionCode: place });
      const file = await row(id);
      const keepers: Record<string, string> = {
        guanmiao: units.guanmiao.id,
        huchen: units.huchen.id,
        township: world.units.homeTownship.id,
      };

      expect(file).toMatchObject({
        status: 'active',
        origin: 'survey',
        divisionCode: place,
        unitId: keepers[keeper],
        categories: ['left_behind'],
        childGender: 'male',
      });
      expect(opened(file.childSealed)).toEqual(body.child);
      expect(opened(file.guardianSealed)).toEqual(body.guardian);
      // Kept as people dial it: digits only.
      expect(opened<ChildFilePerson>(file.carerSealed)?.phone).toBe('05575012345');
      expect(opened(file.helpSealed)).toEqual(body.help);
      expect(file.nameKey).toMatch(/^[0-9a-f]{64}$/);
      expect(file.idKey).toMatch(/^[0-9a-f]{64}$/);
      expect(file.nextVisitDueAt?.getTime()).toBe(file.createdAt.getTime() + 90 * 86_400_000);
      const [event] = await events(id);
      expect(event.kind).toBe('opened');
      expect(event.text).toMatch(/^摸排建档（.+）$/);
    });

    it('plans no visit for a file without a category', async () => {
      const { id } = await aFile(s.guanmiao.token, { categories: [] });

      expect((await row(id)).nextVisitDueAt).toBeNull();
    });

    it.each([
      ['a police handler', 'police', 403],
      ['a civil-affairs handler', 'civil', 403],
      ['an education handler', 'education', 403],
      ['a reporter', 'reporter', 403],
      ['a mandated reporter', 'mandated', 403],
      ['a hotline operator', 'hotline', 403],
      ['the admin', 'admin', 403],
      ['nobody logged in', 'anonymous', 401],
    ])('refuses %s and stores nothing', async (_who, caller, status) => {
      const before = await fileCount();
      const answer = await post(s[caller]?.token, aFileBody());

      expect(answer.status).toBe(status);
      expect(await fileCount()).toBe(before);
    });

    it.each([
      ['another village of the township, for a village handler', 'guanmiao', HUCHEN],
      ['a village of another township, for a township handler', 'dunji', GUANMIAO],
      ['a place of another county, for a coordinator', 'otherCoordinator', GUANMIAO],
      ['a village code that names no village', 'township', '341324100999'],
    ])('answers 400 for %s, naming the places the caller may use', async (_case, caller, place) => {
      const before = await fileCount();
      const answer = await post(s[caller].token, aFileBody({ divisionCode: place }));

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.divisionCode).toBeTruthy();
      expect(await fileCount()).toBe(before);
    });

    it('tells a caller outside the place which places they may use', async () => {
      const answer = await post(s.guanmiao.token, aFileBody({ divisionCode: HUCHEN }));

      expect(answer.body.errors?.divisionCode).toBe(
        '只能为本单位负责的地方建档：泗城镇 · 关庙村委会',
      );
    });

    it.each([
      ['a county', '341324'],
      ['a village code too short', '34132410020'],
    ])('refuses %s as a file’s place', async (_case, place) => {
      expect((await post(s.coordinator.token, aFileBody({ divisionCode: place }))).status).toBe(
        400,
      );
    });

    it.each([
      [
        'a birth date after today',
        { child: aChild({ birthDate: '2099-01-01' }) },
        'child.birthDate',
      ],
      [
        'help that starts after today',
        { help: [{ kind: 'counselling', since: '2099-01-01', provider: '社工站' }] },
        'help.0.since',
      ],
      ['an age of 18', { child: { name: '测', ageYears: 18 } }, 'child.ageYears'],
      ['a category twice', { categories: ['orphan', 'orphan'] }, 'categories'],
      ['an unknown category', { categories: ['rich'] }, 'categories'],
      [
        'an unknown help kind',
        { help: [{ kind: 'money', since: '2026-01-01', provider: '某人' }] },
        'help.0.kind',
      ],
      ['a bad 身份证号', { child: { idNumber: '341324201503010011' } }, 'child.idNumber'],
      ['a bad phone', { guardian: { phone: '12345' } }, 'guardian.phone'],
      ['an unknown field', { nickname: '小明' }, 'nickname'],
    ])('refuses %s', async (_case, overrides, field) => {
      const answer = await post(s.guanmiao.token, aFileBody(overrides));

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toContain(field);
    });
  });

  describe('every text field', () => {
    const cases = (
      dto: typeof CreateChildFileDto | typeof UpdateChildFileDto,
    ): [string, string, unknown][] =>
      bodyFields(dto)
        .filter((field) => field.kind === 'text')
        .flatMap((field): [string, string, unknown][] => [
          [field.path, 'one character too long', 'x'.repeat((field.limit?.max ?? 0) + 1)],
          [field.path, 'a control character', '正常\u0007文字'],
          [field.path, 'a number', 12345],
          [field.path, 'a list', ['文字']],
        ]);

    it('walks the text fields of both bodies', () => {
      expect(cases(CreateChildFileDto).map(([path]) => path)).toEqual(
        expect.arrayContaining([
          'child.name',
          'child.school',
          'guardian.name',
          'guardian.relation',
          'carer.name',
          'help.0.provider',
          'help.0.note',
        ]),
      );
      expect(cases(UpdateChildFileDto).map(([path]) => path)).toEqual(
        expect.arrayContaining(['child.name', 'school', 'closeNote', 'help.0.note']),
      );
    });

    it.each(cases(CreateChildFileDto))('POST refuses %s with %s', async (path, _case, value) => {
      const body = withValue(aFileBody(), path, value);
      const answer = await post(s.guanmiao.token, body);

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toContain(path);
    });

    it.each(cases(UpdateChildFileDto))(
      'PATCH refuses %s with %s, changing nothing',
      async (path, _case, value) => {
        const { id } = await aFile();
        const before = await row(id);
        const base = {
          help: [{ kind: 'other', since: '2026-01-01', provider: '社工站' }],
          status: 'closed',
          closeReason: 'other',
          closeNote: '说明',
        };
        const body = withValue(path === 'closeNote' ? base : { help: base.help }, path, value);
        const answer = await patch(s.guanmiao.token, id, body);

        expect(answer.status).toBe(400);
        expect(Object.keys(answer.body.errors ?? {})).toContain(path);
        expect(await row(id)).toEqual(before);
      },
    );
  });

  describe('changing a file', () => {
    it.each<[string, ChildFileChild, string]>([
      [
        'a 身份证号 born another day than the stored birth date',
        { idNumber: anIdNumber('2016-07-09') },
        'child.idNumber',
      ],
      [
        'a birth date another day than the stored 身份证号',
        { birthDate: '2016-07-09' },
        'child.idNumber',
      ],
      ['an age the stored birth date does not give', { ageYears: 3 }, 'child.ageYears'],
    ])(
      'refuses %s: a change is checked with what the file holds, changing nothing',
      async (_case, child, field) => {
        const { id } = await aFile();
        const before = await row(id);

        const answer = await patch(s.guanmiao.token, id, { child });

        expect(answer.status).toBe(400);
        expect(Object.keys(answer.body.errors ?? {})).toEqual([field]);
        expect(await row(id)).toEqual(before);
      },
    );

    it('takes a birth date found later for a file opened years ago with the age then', async () => {
      const { id } = await aFile(s.guanmiao.token, {
        child: { name: aChild().name, ageYears: 6 },
      });

      const answer = await patch(s.guanmiao.token, id, { child: { birthDate: '2016-07-09' } });

      expect(answer.status).toBe(200);
    });

    it('takes a birth date and 身份证号 changed together when they agree', async () => {
      const { id } = await aFile();
      const answer = await patch(s.guanmiao.token, id, {
        child: { birthDate: '2016-07-09', idNumber: anIdNumber('2016-07-09') },
      });

      expect(answer.status).toBe(200);
    });

    it('changes only the fields sent, says what changed in words, and keeps the values out of the timeline', async () => {
      const { id, body } = await aFile();
      const answer = await patch(s.guanmiao.token, id, {
        categories: ['left_behind', 'low_income'],
        carer: null,
        school: '泗县第二中学',
        help: [],
      });
      const file = await row(id);

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        id,
        categories: ['left_behind', 'low_income'],
        unitName: units.guanmiao.name,
      });
      expect(answer.body.child.name).toBe(body.child.name);
      expect(opened(file.childSealed)).toEqual({ ...body.child, school: '泗县第二中学' });
      expect(opened(file.guardianSealed)).toEqual(body.guardian);
      expect(file.carerSealed).toBeNull();
      expect(opened(file.helpSealed)).toEqual([]);
      const last = (await events(id)).at(-1)!;
      expect(last.kind).toBe('updated');
      expect(last.text).toBe(
        `${units.guanmiao.name}修改了学校、委托照护人、帮扶措施、儿童类别（新增低保/贫困家庭）`,
      );
    });

    it('records nothing for a change that changes nothing', async () => {
      const { id, body } = await aFile();
      const answer = await patch(s.guanmiao.token, id, { categories: body.categories });

      expect(answer.status).toBe(200);
      expect(await events(id)).toHaveLength(1);
    });

    it('re-keys a changed identity: a later report by the new 身份证号 finds the file', async () => {
      const { id } = await aFile();
      const idNumber = anIdNumber('2014-06-01');
      expect(
        (await patch(s.guanmiao.token, id, { child: { birthDate: '2014-06-01', idNumber } }))
          .status,
      ).toBe(200);
      const report = await submitReport(sut.baseUrl, s.reporter.token, {
        location: { divisionCode: GUANMIAO },
        child: { idNumber },
      });

      expect(await reportFile(report.id)).toEqual({ child_file_id: id, repeat_report: false });
    });

    it('lets the coordinator change it, and refuses the handler of another unit with 404', async () => {
      const { id } = await aFile();

      expect((await patch(s.coordinator.token, id, { categories: ['orphan'] })).status).toBe(200);
      for (const caller of ['huchen', 'dunji', 'otherCoordinator']) {
        expect((await patch(s[caller].token, id, { categories: [] })).status).toBe(404);
      }
      expect(
        (await patch(s.guanmiao.token, '00000000-0000-4000-8000-000000000000', {})).status,
      ).toBe(404);
    });

    it('lets a unit holding an order about the child read only: 403', async () => {
      const { id, body } = await aFile();
      const report = await submitReport(sut.baseUrl, s.reporter.token, {
        situations: ['violence_abuse'],
        location: { divisionCode: GUANMIAO },
        child: { idNumber: body.child.idNumber },
      });
      await orderOf(sut.baseUrl, s.police.token, report.id, 'police');
      const answer = await patch(s.police.token, id, { categories: [] });

      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('FORBIDDEN');
      expect((await patch(s.education.token, id, { categories: [] })).status).toBe(404);
    });
  });

  describe('moving a file', () => {
    it('hands the file to the new village’s unit: the old village then gets 404, the new one edits', async () => {
      const { id } = await aFile();
      const moved = await patch(s.guanmiao.token, id, { divisionCode: HUCHEN });

      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        divisionCode: HUCHEN,
        unitId: units.huchen.id,
        unitName: units.huchen.name,
      });
      expect((await patch(s.guanmiao.token, id, { categories: [] })).status).toBe(404);
      expect((await patch(s.huchen.token, id, { categories: [] })).status).toBe(200);
      const move = (await events(id)).find((e) => e.kind === 'moved');
      expect(move?.text).toBe(
        `${units.guanmiao.name}将档案从泗城镇 · 关庙村委会迁至泗城镇 · 胡陈村委会，由${units.huchen.name}接收`,
      );
    });

    it('moves to a village without a unit: the township keeps it', async () => {
      const { id } = await aFile();
      const moved = await patch(s.township.token, id, { divisionCode: VILLAGE_WITHOUT_UNIT });

      expect(moved.body.unitId).toBe(world.units.homeTownship.id);
    });

    it.each([
      ['out of the county', '341322100', '迁出本县请销号，原因选择迁出本县'],
      ['to a township, not a village', '341324101', '请选到村（社区）一级'],
      [
        'to a code that names no village',
        '341324100999',
        '没有这个区划代码，请从列表中选择孩子迁入的村',
      ],
    ])('refuses a move %s, changing nothing', async (_case, place, message) => {
      const { id } = await aFile();
      const before = await row(id);
      const answer = await patch(s.guanmiao.token, id, { divisionCode: place });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.divisionCode).toBe(message);
      expect(await row(id)).toEqual(before);
    });
  });

  describe('销号 and 恢复在册', () => {
    it.each(CLOSE_REASONS)('closes a file for %s, with no visit plan', async (closeReason) => {
      const { id } = await aFile();
      const answer = await patch(s.guanmiao.token, id, {
        status: 'closed',
        closeReason,
        ...(closeReason === 'other' ? { closeNote: '随父母长期出国' } : {}),
      });
      const file = await row(id);

      expect(answer.status).toBe(200);
      expect(file).toMatchObject({ status: 'closed', closeReason, nextVisitDueAt: null });
      expect(file.closedAt).not.toBeNull();
      expect((await events(id)).at(-1)?.kind).toBe('closed');
    });

    it('refuses `other` without a note, and a reason without closing', async () => {
      const { id } = await aFile();

      expect(
        (await patch(s.guanmiao.token, id, { status: 'closed', closeReason: 'other' })).status,
      ).toBe(400);
      expect((await patch(s.guanmiao.token, id, { status: 'closed' })).status).toBe(400);
      expect((await patch(s.guanmiao.token, id, { closeReason: 'turned_18' })).status).toBe(400);
      expect((await row(id)).status).toBe('active');
    });

    it('accepts no change to a closed file but reopening, which clears the closing', async () => {
      const { id } = await aFile();
      await patch(s.guanmiao.token, id, { status: 'closed', closeReason: 'situation_resolved' });

      for (const change of [
        { categories: [] },
        { status: 'closed', closeReason: 'turned_18' },
        {},
      ]) {
        const refused = await patch(s.guanmiao.token, id, change);
        expect(refused.status).toBe(409);
        expect(refused.body.code).toBe('CHILD_FILE_CLOSED');
      }
      const reopened = await patch(s.guanmiao.token, id, { status: 'active' });
      const file = await row(id);

      expect(reopened.status).toBe(200);
      expect(file).toMatchObject({
        status: 'active',
        closeReason: null,
        closeNote: null,
        closedAt: null,
      });
      // The quarterly visit counts from the reopening: no time off the register counts.
      expect(file.nextVisitDueAt?.getTime()).toBe(file.updatedAt.getTime() + 90 * 86_400_000);
      expect((await events(id)).at(-1)?.text).toBe(`${units.guanmiao.name}恢复在册`);
    });
  });

  async function reportFile(reportId: string) {
    const [r] = await db.query('SELECT child_file_id, repeat_report FROM reports WHERE id = ?', [
      reportId,
    ]);
    return { child_file_id: r.child_file_id as string, repeat_report: Boolean(r.repeat_report) };
  }

  describe('reports about a child on file', () => {
    it.each([
      ['身份证号', (b: ReturnType<typeof aFileBody>) => ({ idNumber: b.child.idNumber })],
      [
        'guardian phone',
        (b: ReturnType<typeof aFileBody>) => ({ guardianPhone: b.guardian.phone }),
      ],
      [
        'name and birth year in the township',
        (b: ReturnType<typeof aFileBody>) => ({ name: b.child.name, ageYears: 11 }),
      ],
    ])(
      'links a report by %s to the survey file; a repeat only once a report is open',
      async (_by, child) => {
        const { id, body } = await aFile();
        const first = await submitReport(sut.baseUrl, s.reporter.token, {
          location: { divisionCode: HOME_TOWN },
          child: child(body),
        });
        const second = await submitReport(sut.baseUrl, s.reporter.token, {
          location: { divisionCode: HOME_TOWN },
          child: child(body),
        });

        expect(await reportFile(first.id)).toEqual({ child_file_id: id, repeat_report: false });
        expect(await reportFile(second.id)).toEqual({ child_file_id: id, repeat_report: true });
      },
    );

    it('makes a first report’s file hold the report’s identity, kept by the village, and never overwrites it', async () => {
      const child = {
        ...aChild(),
        ageYears: 11,
        guardianName: '测母',
        guardianPhone: '+86 139-0000-1234',
      };
      const report = await submitReport(sut.baseUrl, s.reporter.token, {
        reporter: { anonymous: true, confidential: false, name: undefined, phone: undefined },
        location: { divisionCode: GUANMIAO },
        child,
      });
      const { child_file_id: id } = await reportFile(report.id);
      const file = await row(id);

      expect(file).toMatchObject({
        origin: 'report',
        unitId: units.guanmiao.id,
        childGender: 'male',
      });
      expect(opened(file.childSealed)).toEqual({
        name: child.name,
        gender: child.gender,
        birthDate: child.birthDate,
        ageYears: 11,
        idNumber: child.idNumber,
        school: child.school,
      });
      expect(opened(file.guardianSealed)).toEqual({ name: '测母', phone: '13900001234' });
      expect(file.nameKey).not.toBeNull();
      expect(file.idKey).not.toBeNull();
      // The factory's report is about a dropout, so the file also gets its 控辍保学 line, written
      // in the same millisecond: look the opening up by kind, not by position.
      const opening = (await events(id)).filter((event) => event.kind === 'opened');
      expect(opening).toHaveLength(1);
      expect(opening[0]).toMatchObject({
        kind: 'opened',
        text: '由报告建档',
        actorUserId: null,
        actorUnitId: null,
      });

      await submitReport(sut.baseUrl, s.reporter.token, {
        location: { divisionCode: GUANMIAO },
        child: { ...child, school: '另一所学校', guardianName: '别人' },
      });
      expect(await row(id)).toEqual(file);
    });
  });

  describe('a second file for the same child', () => {
    it('answers 409 CHILD_FILE_EXISTS with the file’s id to a caller who may see it', async () => {
      const { id, body } = await aFile();
      const before = await fileCount();
      const again = await post(
        s.township.token,
        aFileBody({ child: { idNumber: body.child.idNumber } }),
      );

      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CHILD_FILE_EXISTS', errors: { fileId: id } });
      expect(await fileCount()).toBe(before);
    });

    it('answers 409 without the id to a caller who may not see it', async () => {
      const { body } = await aFile();
      const again = await post(
        s.dunji.token,
        aFileBody({ divisionCode: '341324101', child: { idNumber: body.child.idNumber } }),
      );

      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CHILD_FILE_EXISTS');
      expect(again.body.errors).toBeUndefined();
      expect(again.body.message).toContain('乡镇儿童督导员');
    });
  });

  it('audits every write, with no identity in the rows', async () => {
    const { id, body } = await aFile();
    await patch(s.guanmiao.token, id, { guardian: { name: '测新监护人', phone: '13955556666' } });
    await patch(s.guanmiao.token, id, { divisionCode: HUCHEN });
    await patch(s.huchen.token, id, {
      status: 'closed',
      closeReason: 'other',
      closeNote: `已与${body.child.name}家人核实`,
    });
    await patch(s.huchen.token, id, { status: 'active' });
    const rows: { action: string; detail: string | null }[] = await db.query(
      'SELECT action, detail FROM audit_log WHERE target_id = ? ORDER BY seq',
      [id],
    );

    expect(rows.map((r) => r.action)).toEqual([
      'child_file.open',
      'child_file.update',
      'child_file.move',
      'child_file.close',
      'child_file.reopen',
    ]);
    const text = JSON.stringify(rows) + JSON.stringify(await events(id));
    for (const identity of [
      body.child.name,
      body.child.idNumber,
      body.child.school,
      body.guardian.name,
      body.guardian.phone,
      body.carer.name,
      body.help[0].provider,
      '测新监护人',
      '13955556666',
    ]) {
      expect(text).not.toContain(identity);
    }
  });
});
