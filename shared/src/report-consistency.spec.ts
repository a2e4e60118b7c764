import type { CreateReportRequest, ReportChild, ReportReporter } from './api';
import type { Channel } from './channels';
import { idNumberCheckCharacter } from './identity';
import { REPORT_CONSISTENCY_RULES, reportConsistencyErrors } from './report-consistency';

const NOW = new Date('2026-11-22T12:00:00+08:00');

function aReport(overrides: Partial<CreateReportRequest> = {}): CreateReportRequest {
  return {
    channel: 'public',
    situations: ['dropout'],
    immediateDanger: false,
    description: '孩子已经两周没有来上学了。',
    discoveredAt: '2026-11-22T09:00:00+08:00',
    location: { divisionCode: '341324' },
    child: {},
    reporter: { anonymous: true },
    ...overrides,
  };
}

describe(reportConsistencyErrors.name, () => {
  it('accepts a consistent report', () => {
    expect(reportConsistencyErrors(aReport(), NOW)).toEqual({});
  });

  it('allows a phone clock a few minutes ahead but not a discovery in the future', () => {
    expect(
      reportConsistencyErrors(aReport({ discoveredAt: '2026-11-22T12:05:00+08:00' }), NOW),
    ).toEqual({});
    expect(
      reportConsistencyErrors(aReport({ discoveredAt: '2026-11-22T13:00:00+08:00' }), NOW),
    ).toEqual({
      discoveredAt: '发现时间不能晚于现在',
    });
  });

  it.each<[string, Partial<CreateReportRequest>, Record<string, string>]>([
    [
      'before the birth date',
      { discoveredAt: '2016-04-30T12:00:00+08:00', child: { birthDate: '2016-05-01' } },
      { discoveredAt: '发现时间不能早于孩子的出生日期（2016年5月1日）' },
    ],
    [
      'before the birth in the 身份证号',
      {
        discoveredAt: '2015-02-28T12:00:00+08:00',
        child: { idNumber: `34132420150301001${idNumberCheckCharacter('34132420150301001')}` },
      },
      { discoveredAt: '发现时间不能早于孩子的出生日期（2015年3月1日）' },
    ],
    [
      'on the birth day',
      { discoveredAt: '2016-05-01T08:00:00+08:00', child: { birthDate: '2016-05-01' } },
      {},
    ],
    [
      'before a 3-year-old can have been born',
      { discoveredAt: '2020-01-01T12:00:00+08:00', child: { ageYears: 3 } },
      {
        discoveredAt: '发现时间早于孩子出生：孩子3岁，最早2022年11月23日出生，请核对发现时间或年龄',
      },
    ],
  ])('refuses a discovery %s on discoveredAt, as the form does', (_, patch, errors) => {
    expect(reportConsistencyErrors(aReport(patch), NOW)).toEqual(errors);
  });

  it.each([
    ['2026-02-30', '出生日期不是有效日期'],
    ['2027-01-01', '出生日期不能晚于今天'],
    ['2008-11-21', '本平台受理未满18周岁的未成年人的情况'],
  ])('refuses the birth date %s', (birthDate, reason) => {
    expect(reportConsistencyErrors(aReport({ child: { birthDate } }), NOW)).toEqual({
      'child.birthDate': reason,
    });
  });

  it.each<[number, Record<string, string>]>([
    [0, {}],
    [17, {}],
    [18, { 'child.ageYears': '年龄应为0到17之间的整数' }],
    [-1, { 'child.ageYears': '年龄应为0到17之间的整数' }],
    [9.5, { 'child.ageYears': '年龄应为0到17之间的整数' }],
    [Number.NaN, { 'child.ageYears': '年龄应为0到17之间的整数' }],
  ])('takes the age %s → %j', (ageYears, errors) => {
    expect(reportConsistencyErrors(aReport({ child: { ageYears } }), NOW)).toEqual(errors);
  });

  it('accepts a child whose 18th birthday is tomorrow', () => {
    expect(reportConsistencyErrors(aReport({ child: { birthDate: '2008-11-23' } }), NOW)).toEqual(
      {},
    );
  });

  it.each([
    ['2026-12-04T07:00:00+08:00', '2026-12-04', {}],
    ['2026-12-04T09:00:00+08:00', '2026-12-04', {}],
    ['2026-12-04T07:00:00+08:00', '2026-12-05', { 'child.birthDate': '出生日期不能晚于今天' }],
  ])('at %s Beijing takes the birth date %s on the Beijing day', (now, birthDate, errors) => {
    const report = aReport({ discoveredAt: '2026-12-04T06:00:00+08:00', child: { birthDate } });

    expect(reportConsistencyErrors(report, new Date(now))).toEqual(errors);
  });

  it('refuses an anonymous reporter who leaves a name or phone', () => {
    const errors = reportConsistencyErrors(
      aReport({ reporter: { anonymous: true, phone: '13800000000' } }),
      NOW,
    );

    expect(errors).toHaveProperty('reporter');
  });

  it.each([
    ['hotline', { anonymous: false, phone: '13912345678', smsConsent: true }, null],
    ['hotline', { anonymous: false, phone: '+86 139 1234 5678', smsConsent: true }, null],
    ['hotline', { anonymous: false, smsConsent: true }, '接收短信通知需要来电人的手机号'],
    [
      'hotline',
      { anonymous: false, phone: '0557-7011110', smsConsent: true },
      '接收短信通知需要来电人的手机号',
    ],
    [
      'public',
      { anonymous: false, phone: '13912345678', smsConsent: true },
      '只有热线来电人可以选择接收短信通知',
    ],
    ['public', { anonymous: false, phone: '13912345678', smsConsent: false }, null],
  ] as const)('SMS consent on a %s report from %j', (channel, reporter, problem) => {
    const errors = reportConsistencyErrors(aReport({ channel, reporter }), NOW);

    expect(errors['reporter.smsConsent'] ?? null).toBe(problem);
  });
});

describe('REPORT_CONSISTENCY_RULES', () => {
  /** A valid 身份证号 of a child of 泗县 born on `birthDate`. */
  const anIdNumber = (birthDate: string) => {
    const first17 = `341324${birthDate.replace(/-/g, '')}001`;
    return first17 + idNumberCheckCharacter(first17);
  };
  const DISCOVERIES = [
    '2015-06-01T09:00:00+08:00',
    '2026-11-22T09:00:00+08:00',
    '2026-11-22T12:05:00+08:00',
    '2026-11-22T13:00:00+08:00',
  ];
  const BIRTH_DATES = [undefined, '2016-05-01', '2026-02-30', '2027-01-01', '2008-11-21'];
  const ID_NUMBERS = [
    undefined,
    ...['2016-05-01', '2014-01-01', '2000-01-01', '2026-12-01'].map(anIdNumber),
  ];
  const AGES = [undefined, 10, 11, 12, 18, -1, 9.5];
  const CHANNELS: Channel[] = ['public', 'hotline'];
  const NAMES = [undefined, '张三'];
  const PHONES = [undefined, '13912345678', '0557-7011110'];

  /** Reports breaking the rules every way the cases above combine, and keeping them. */
  function* reports(): Generator<CreateReportRequest> {
    for (const discoveredAt of DISCOVERIES)
      for (const birthDate of BIRTH_DATES)
        for (const idNumber of ID_NUMBERS)
          for (const ageYears of AGES) {
            const child: ReportChild = { birthDate, idNumber, ageYears };
            for (const channel of CHANNELS)
              for (const anonymous of [false, true])
                for (const name of NAMES)
                  for (const phone of PHONES)
                    for (const smsConsent of [undefined, true]) {
                      const reporter: ReportReporter = { anonymous, name, phone, smsConsent };
                      yield aReport({ discoveredAt, channel, child, reporter });
                    }
          }
  }

  it('describes every field a refusal names, and names every field it describes', () => {
    const named = new Set<string>();
    for (const report of reports()) {
      for (const field of Object.keys(reportConsistencyErrors(report, NOW))) named.add(field);
    }

    expect([...named].sort()).toEqual(Object.keys(REPORT_CONSISTENCY_RULES).sort());
  });
});
