import type { CreateVisitRequest } from './visits';
import {
  visitCheckProblem,
  visitPeopleProblem,
  visitPositionProblem,
  visitReportProblems,
  visitRequestProblems,
  visitTimeProblem,
} from './visit-request';

const NOW = new Date('2026-12-03T06:30:00Z');

const aVisit = (overrides: Partial<CreateVisitRequest> = {}): CreateVisitRequest => ({
  at: '2026-12-03T14:00:00+08:00',
  met: ['child', 'carer'],
  checks: {
    family: { result: 'normal' },
    guardianship: { result: 'concern', finding: '祖母腿脚不便，做饭有困难' },
    schooling: { result: 'normal' },
    wellbeing: { result: 'normal', finding: '精神不错' },
  },
  ...overrides,
});

describe(visitTimeProblem.name, () => {
  it.each<[string, string | null]>([
    ['2026-12-03T14:30:00+08:00', null],
    ['2026-12-03T14:39:00+08:00', null],
    ['2026-11-20T09:00:00+08:00', null],
    ['2026-12-03T14:41:00+08:00', '走访时间不能晚于现在'],
    ['2026-12-04T09:00:00+08:00', '走访时间不能晚于现在'],
    ['2026-12-03T14:00:00', '走访时间不是有效的时间'],
    ['昨天下午', '走访时间不是有效的时间'],
  ])('%s → %s', (at, expected) => {
    expect(visitTimeProblem(at, NOW)).toBe(expected);
  });
});

describe(visitPeopleProblem.name, () => {
  it.each<[string[], string | null]>([
    [['child'], null],
    [['child', 'guardian', 'carer', 'teacher', 'other'], null],
    [[], '请选择这次见到了谁'],
    [['neighbour'], '见到的人不在可选范围内'],
    [['child', 'child'], '见到的人重复了'],
  ])('%j → %s', (met, expected) => {
    expect(visitPeopleProblem(met)).toBe(expected);
  });
});

describe(visitCheckProblem.name, () => {
  it.each<[Parameters<typeof visitCheckProblem>[0], string | null]>([
    [{ result: 'normal' }, null],
    [{ result: 'normal', finding: '一切正常' }, null],
    [{ result: 'concern', finding: '孩子说晚上一个人睡' }, null],
    [{ result: 'concern' }, '选了“需关注”，请简单写明发现的情况'],
    [{ result: 'concern', finding: ' \u200B ' }, '选了“需关注”，请简单写明发现的情况'],
    [{ result: 'concern', finding: '瘦' }, '请填写发现的情况（至少2字）'],
    [{ result: 'normal', finding: '好'.repeat(201) }, '发现的情况最多200字'],
    [
      { result: 'concern', finding: '孩子\u202E说' },
      '发现的情况含有不可见的控制字符，请删除后重新输入',
    ],
  ])('%j → %s', (check, expected) => {
    expect(visitCheckProblem(check)).toBe(expected);
  });
});

describe(visitPositionProblem.name, () => {
  it.each<[number | undefined, number | undefined, string | null]>([
    [undefined, undefined, null],
    [33.48, 117.88, null],
    [-90, 180, null],
    [33.48, undefined, '位置要同时有经度和纬度'],
    [undefined, 117.88, '位置要同时有经度和纬度'],
    [91, 117.88, '位置不正确'],
    [33.48, -181, '位置不正确'],
  ])('%s, %s → %s', (latitude, longitude, expected) => {
    expect(visitPositionProblem(latitude, longitude)).toBe(expected);
  });
});

describe(visitReportProblems.name, () => {
  it('accepts a report as any report is accepted', () => {
    expect(
      visitReportProblems({
        situations: ['carer_neglect'],
        immediateDanger: false,
        description: '祖母生病住院，孩子一个人在家好几天了。',
      }),
    ).toEqual({});
  });

  it('names each field it refuses, as in the report body', () => {
    expect(
      visitReportProblems({
        situations: [],
        immediateDanger: true,
        description: '没人管',
        address: ' ',
      }),
    ).toEqual({
      situations: '请至少选择一种看到的情况',
      description: '请填写情况描述（至少10字）',
      address: '请填写详细地址',
    });
  });
});

describe(visitRequestProblems.name, () => {
  it('accepts a visit with every rule kept', () => {
    expect(visitRequestProblems(aVisit(), NOW)).toEqual({});
  });

  it('names every field that breaks a rule, by its path in the body', () => {
    const problems = visitRequestProblems(
      aVisit({
        at: '2026-12-05T09:00:00+08:00',
        met: [],
        checks: {
          family: { result: 'concern' },
          guardianship: { result: 'normal' },
          schooling: { result: 'normal' },
          wellbeing: { result: 'normal', finding: '好'.repeat(201) },
        },
        findings: '好'.repeat(1001),
        latitude: 33.48,
        report: { situations: [], immediateDanger: false, description: '孩子不好' },
      }),
      NOW,
    );

    expect(problems).toEqual({
      at: '走访时间不能晚于现在',
      met: '请选择这次见到了谁',
      'checks.family': '选了“需关注”，请简单写明发现的情况',
      'checks.wellbeing': '发现的情况最多200字',
      findings: '其他发现最多1000字',
      latitude: '位置要同时有经度和纬度',
      'report.situations': '请至少选择一种看到的情况',
      'report.description': '请填写情况描述（至少10字）',
    });
  });

  it('asks for a check the body left out', () => {
    const { checks } = aVisit();
    const withoutSchooling = { ...checks } as Partial<typeof checks>;
    delete withoutSchooling.schooling;

    expect(
      visitRequestProblems(aVisit({ checks: withoutSchooling as typeof checks }), NOW),
    ).toEqual({ 'checks.schooling': '请填写就学情况' });
  });
});
