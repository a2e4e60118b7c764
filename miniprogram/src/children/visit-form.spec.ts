import { emptyVisitForm, toVisitRequest, visitFormProblems, type VisitForm } from './visit-form';

/** 14:30 in Beijing on 3 December. */
const NOW = new Date('2026-12-03T06:30:00Z');

/** A visit every rule accepts: the child met, schooling needs attention, the rest normal. */
function aVisitForm(overrides: Partial<VisitForm> = {}): VisitForm {
  return {
    ...emptyVisitForm('李小花'),
    met: ['child', 'carer'],
    checks: {
      family: { result: 'normal', finding: '' },
      guardianship: { result: 'normal', finding: '' },
      schooling: { result: 'concern', finding: '最近两周迟到三次' },
      wellbeing: { result: 'normal', finding: '' },
    },
    ...overrides,
  };
}

describe('visitFormProblems', () => {
  it('finds nothing wrong with a complete visit', () => {
    expect(visitFormProblems(aVisitForm(), NOW)).toEqual({});
  });

  it('asks an empty form for whom the visitor met and each of the four checks', () => {
    expect(visitFormProblems(emptyVisitForm(), NOW)).toEqual({
      met: '请选择这次见到了谁',
      'checks.family': '请选择“正常”或“需关注”',
      'checks.guardianship': '请选择“正常”或“需关注”',
      'checks.schooling': '请选择“正常”或“需关注”',
      'checks.wellbeing': '请选择“正常”或“需关注”',
    });
  });

  it.each<[string, Partial<VisitForm>, Record<string, string>]>([
    ['a time later today', { time: '15:00' }, { at: '走访时间不能晚于现在' }],
    ['a day after today', { date: '2026-12-04', time: '09:00' }, { at: '走访时间不能晚于现在' }],
    ['yesterday', { date: '2026-12-02', time: '16:00' }, {}],
    ['today with no time picked', { date: '2026-12-03' }, {}],
    [
      '需关注 without a finding',
      {
        checks: {
          ...aVisitForm().checks,
          guardianship: { result: 'concern', finding: '  ' },
        },
      },
      { 'checks.guardianship': '选了“需关注”，请简单写明发现的情况' },
    ],
    [
      'a finding over 200 characters',
      {
        checks: {
          ...aVisitForm().checks,
          wellbeing: { result: 'concern', finding: '瘦'.repeat(201) },
        },
      },
      { 'checks.wellbeing': '发现的情况最多200字' },
    ],
    [
      'findings over 1000 characters',
      { findings: '好'.repeat(1001) },
      { findings: '其他发现最多1000字' },
    ],
    [
      'findings with a hidden direction mark',
      { findings: '孩子\u202E说' },
      { findings: '其他发现含有不可见的控制字符，请删除后重新输入' },
    ],
  ])('%s', (_what, overrides, expected) => {
    expect(visitFormProblems(aVisitForm(overrides), NOW)).toEqual(expected);
  });

  it('does not ask for a finding of a check that is normal', () => {
    const form = aVisitForm({
      checks: { ...aVisitForm().checks, family: { result: 'normal', finding: '瘦'.repeat(300) } },
    });
    expect(visitFormProblems(form, NOW)).toEqual({});
  });

  it('asks the report part, once opened, as any report is asked', () => {
    const form = aVisitForm({
      reporting: true,
      report: { situations: [], immediateDanger: null, description: '没人管' },
    });
    expect(visitFormProblems(form, NOW)).toEqual({
      'report.immediateDanger': '请回答：孩子现在有危险吗？',
      'report.situations': '请至少选择一种看到的情况',
      'report.description': '请填写情况描述（至少10字）',
    });
    expect(visitFormProblems({ ...form, reporting: false }, NOW)).toEqual({});
  });
});

describe('toVisitRequest', () => {
  it('sends the visit as the API takes it: now for a time not picked, findings only where asked', () => {
    const request = toVisitRequest(
      aVisitForm({
        checks: {
          ...aVisitForm().checks,
          family: { result: 'normal', finding: '这段没有选需关注' },
        },
        findings: '  祖母说孩子晚上看手机到很晚。 ',
        position: { latitude: 33.478, longitude: 117.884 },
      }),
      NOW,
    );

    expect(request).toEqual({
      at: '2026-12-03T06:30:00.000Z',
      met: ['child', 'carer'],
      checks: {
        family: { result: 'normal' },
        guardianship: { result: 'normal' },
        schooling: { result: 'concern', finding: '最近两周迟到三次' },
        wellbeing: { result: 'normal' },
      },
      findings: '祖母说孩子晚上看手机到很晚。',
      latitude: 33.478,
      longitude: 117.884,
    });
  });

  it('takes a picked day and time on Beijing’s clock, and leaves out what is empty', () => {
    const request = toVisitRequest(
      aVisitForm({ date: '2026-12-02', time: '16:05', findings: ' ' }),
      NOW,
    );

    expect(request.at).toBe('2026-12-02T08:05:00.000Z');
    expect(request).not.toHaveProperty('findings');
    expect(request).not.toHaveProperty('latitude');
    expect(request).not.toHaveProperty('report');
  });

  it('sends the report filed from the visit', () => {
    const request = toVisitRequest(
      aVisitForm({
        reporting: true,
        report: {
          situations: ['carer_neglect'],
          immediateDanger: false,
          description: '  祖母住院，孩子一个人在家三天了。 ',
        },
      }),
      NOW,
    );

    expect(request.report).toEqual({
      situations: ['carer_neglect'],
      immediateDanger: false,
      description: '祖母住院，孩子一个人在家三天了。',
    });
  });
});
