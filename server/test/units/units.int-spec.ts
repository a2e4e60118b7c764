import type { Unit } from '@shouhu/shared';
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
});
