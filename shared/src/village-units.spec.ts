import { DEPARTMENTS } from './departments';
import { isVillageOf, villageUnitProblems, type VillageRuleUnit } from './village-units';

const SICHENG: VillageRuleUnit = {
  id: 'sicheng',
  department: 'township',
  parentId: null,
  divisionPrefixes: ['341324100'],
};
const GUANMIAO = '341324100203';
const HUCHEN = '341324100207';
const DUNJI_VILLAGE = '341324101200';

describe(villageUnitProblems.name, () => {
  it.each([
    ['one village of the town', [GUANMIAO]],
    ['two villages of the town', [GUANMIAO, HUCHEN]],
  ])('accepts %s under the town’s supervisor station', (_, prefixes) => {
    expect(villageUnitProblems(prefixes, SICHENG)).toEqual({});
  });

  it.each([
    ['a province', '34'],
    ['a city', '3413'],
    ['a county', '341324'],
    ['a township', '341324100'],
  ])('refuses %s among the divisions, naming it', (_, prefix) => {
    const problems = villageUnitProblems([GUANMIAO, prefix], SICHENG);

    expect(Object.keys(problems)).toEqual(['divisionPrefixes']);
    expect(problems.divisionPrefixes).toContain(`这些不是：${prefix}`);
  });

  it('asks for a parent when there is none', () => {
    expect(villageUnitProblems([GUANMIAO], null)).toEqual({
      parentId: '村（居）委会须选上级单位：所在乡镇的儿童督导站',
    });
  });

  it.each(DEPARTMENTS.filter((d) => d !== 'township'))(
    'refuses a %s unit as the parent, even one covering the village',
    (department) => {
      const parent = { ...SICHENG, department };

      expect(villageUnitProblems([GUANMIAO], parent)).toEqual({
        parentId: '村（居）委会的上级单位须是乡镇儿童督导站',
      });
    },
  );

  it('refuses a township parent that does not cover every village, naming those it does not', () => {
    const problems = villageUnitProblems([GUANMIAO, DUNJI_VILLAGE], SICHENG);

    expect(problems.parentId).toContain(`不负责这些村、社区：${DUNJI_VILLAGE}，`);
    expect(problems.parentId).not.toContain(GUANMIAO);
  });

  it('accepts a county-wide township unit as the parent', () => {
    const county = { ...SICHENG, divisionPrefixes: ['341324'] };

    expect(villageUnitProblems([GUANMIAO, DUNJI_VILLAGE], county)).toEqual({});
  });
});

describe(isVillageOf.name, () => {
  const village: VillageRuleUnit = {
    id: 'guanmiao',
    department: 'village',
    parentId: SICHENG.id,
    divisionPrefixes: [GUANMIAO],
  };

  it.each<[string, VillageRuleUnit, boolean]>([
    ['a village unit under the station', village, true],
    ['a village unit under another station', { ...village, parentId: 'dunji' }, false],
    ['a village unit without a parent', { ...village, parentId: null }, false],
    ['a township unit under the station', { ...village, department: 'township' }, false],
    ['the station itself', SICHENG, false],
  ])('%s: %s', (_, unit, expected) => {
    expect(isVillageOf(unit, SICHENG)).toBe(expected);
  });
});
