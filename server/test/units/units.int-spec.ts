import { DEPARTMENTS, type ApiErrorBody, type Unit } from '@shouhu/shared';
import { aUnit } from '../factories/unit.factory';
import { anAdminSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('units cover divisions that exist', () => {
  let sut: TestApp;
  let token: string;

  beforeAll(async () => {
    sut = await startTestApp();
    token = (await anAdminSession(sut.baseUrl)).token;
  });

  afterAll(() => sut.close());

  const unitCount = async () =>
    (await http<Unit[]>(sut.baseUrl, 'GET', '/admin/units', { token })).body.length;

  it.each([
    ['a province', '99'],
    ['a city', '3499'],
    ['a county', '341399'],
    ['a township', '341324999'],
    ['a village', '341324100999'],
  ])('refuses %s that does not exist, and stores nothing', async (_, code) => {
    const before = await unitCount();
    const answer = await http(sut.baseUrl, 'POST', '/admin/units', {
      token,
      body: { name: '不存在的单位', department: 'township', divisionPrefixes: ['341324', code] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: { divisionPrefixes: `没有这些区划：${code}，请从区划列表中选择` },
    });
    expect(await unitCount()).toBe(before);
  });

  it('accepts divisions of every level that exist', async () => {
    const unit = await aUnit(sut.baseUrl, {
      divisionPrefixes: ['34', '3413', '341324', '341324100'],
    });
    expect(unit.divisionPrefixes).toEqual(['34', '3413', '341324', '341324100']);
  });

  describe('of department village (村/居委会, 儿童主任)', () => {
    /** 泗城镇 and 墩集镇; 关庙村 and 胡陈村 are villages of 泗城镇, 墩集村 of 墩集镇. */
    const GUANMIAO = '341324100203';
    const HUCHEN = '341324100207';
    const DUNJI = '341324101200';
    let sicheng: Unit;
    let police: Unit;

    beforeAll(async () => {
      sicheng = await aUnit(sut.baseUrl, {
        name: '泗城镇儿童督导站',
        divisionPrefixes: ['341324100'],
      });
      police = await aUnit(sut.baseUrl, { department: 'police', divisionPrefixes: ['341324'] });
    });

    const createVillage = (body: Record<string, unknown>) =>
      http<Unit & ApiErrorBody>(sut.baseUrl, 'POST', '/admin/units', {
        token,
        body: { name: '关庙村（儿童主任）', department: 'village', ...body },
      });

    it('creates a unit of villages under the station of their town', async () => {
      const answer = await createVillage({
        divisionPrefixes: [HUCHEN, GUANMIAO],
        parentId: sicheng.id,
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        department: 'village',
        divisionPrefixes: [GUANMIAO, HUCHEN],
        parentId: sicheng.id,
      });
    });

    it.each([
      ['a town', '341324100'],
      ['a county', '341324'],
      ['a city', '3413'],
    ])('refuses %s among its divisions, and stores nothing', async (_, prefix) => {
      const before = await unitCount();

      const answer = await createVillage({
        divisionPrefixes: [GUANMIAO, prefix],
        parentId: sicheng.id,
      });

      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors?.divisionPrefixes).toContain(`这些不是：${prefix}`);
      expect(await unitCount()).toBe(before);
    });

    it.each<[string, () => Record<string, unknown>, string]>([
      ['no parent', () => ({}), '须选上级单位'],
      ['a police parent', () => ({ parentId: police.id }), '上级单位须是乡镇儿童督导站'],
      [
        'the station of another town',
        () => ({ parentId: sicheng.id, divisionPrefixes: [GUANMIAO, DUNJI] }),
        `不负责这些村、社区：${DUNJI}`,
      ],
    ])('refuses %s, and stores nothing', async (_, body, message) => {
      const before = await unitCount();

      const answer = await createVillage({ divisionPrefixes: [GUANMIAO], ...body() });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.parentId).toContain(message);
      expect(await unitCount()).toBe(before);
    });

    it('refuses a village that does not exist, even under the right station', async () => {
      const answer = await createVillage({
        divisionPrefixes: ['341324100999'],
        parentId: sicheng.id,
      });

      expect(answer.status).toBe(400);
      expect(answer.body.errors?.divisionPrefixes).toContain('没有这些区划：341324100999');
    });

    it('names every department in the refusal of an unknown one', async () => {
      const answer = await createVillage({ department: 'villages', divisionPrefixes: [GUANMIAO] });

      expect(answer.status).toBe(400);
      for (const department of DEPARTMENTS) {
        expect(answer.body.errors?.department).toContain(department);
      }
    });
  });
});
