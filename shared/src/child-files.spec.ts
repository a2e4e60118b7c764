import { childFileMoveProblem, childFileRequestErrors } from './child-files';
import { idNumberCheckCharacter } from './identity';

const TODAY = '2026-05-01';

describe('childFileRequestErrors', () => {
  const help = (since: string) => [{ kind: 'paired_teacher' as const, since, provider: '王老师' }];

  it.each<[string, Parameters<typeof childFileRequestErrors>[0], Record<string, string>]>([
    ['an empty change', {}, {}],
    ['help that started today', { help: help(TODAY) }, {}],
    [
      'help that starts tomorrow',
      { help: [...help(TODAY), ...help('2026-05-02')] },
      { 'help.1.since': '帮扶开始日期不能晚于今天' },
    ],
    [
      'a birth date tomorrow',
      { child: { birthDate: '2026-05-02' } },
      { 'child.birthDate': '出生日期不能晚于今天' },
    ],
    [
      'an age that the birth date cannot give',
      { child: { birthDate: '2016-01-01', ageYears: 3 } },
      { 'child.ageYears': '年龄与出生日期不符（按出生日期今年10周岁），请核对或只填一项' },
    ],
    ['closing with a reason', { status: 'closed', closeReason: 'turned_18' }, {}],
    ['closing without a reason', { status: 'closed' }, { closeReason: '销号请选择原因' }],
    [
      'closing for another reason without a note',
      { status: 'closed', closeReason: 'other' },
      { closeNote: '原因选择“其他原因”时，请写明销号说明' },
    ],
    [
      'closing for another reason with a note',
      { status: 'closed', closeReason: 'other', closeNote: '随父母长期出国' },
      {},
    ],
    [
      'a reason without closing',
      { status: 'active', closeReason: 'turned_18', closeNote: '年满十八' },
      {
        closeReason: '只有销号（status 为 closed）时才填写销号原因',
        closeNote: '只有销号（status 为 closed）时才填写销号说明',
      },
    ],
    [
      'a reason without any status',
      { closeReason: 'moved_out' },
      { closeReason: '只有销号（status 为 closed）时才填写销号原因' },
    ],
  ])('%s', (_case, body, expected) => {
    expect(childFileRequestErrors(body, TODAY)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof childFileRequestErrors>[0], Record<string, string>]>([
    ['a birth on the day the file was opened', { child: { birthDate: '2026-03-01' } }, {}],
    [
      'a birth date after the file was opened',
      { child: { birthDate: '2026-03-02' } },
      { 'child.birthDate': '出生日期不能晚于建档日期（2026年3月1日）' },
    ],
    [
      'a 身份证号 born after the file was opened',
      { child: { idNumber: `34132420260302001${idNumberCheckCharacter('34132420260302001')}` } },
      {
        'child.idNumber': '身份证号中的出生日期（2026-03-02）晚于建档日期（2026年3月1日），请核对',
      },
    ],
    [
      'a birth date after today as well: today’s rule speaks',
      { child: { birthDate: '2026-05-02' } },
      { 'child.birthDate': '出生日期不能晚于今天' },
    ],
  ])('for a file opened on 1 March: %s', (_case, body, expected) => {
    expect(childFileRequestErrors(body, TODAY, '2026-03-01')).toEqual(expected);
  });
});

describe(childFileMoveProblem.name, () => {
  it.each([
    ['another village of the county', '341324101200', null],
    ['a village of another county', '341322100201', '迁出本县请销号，原因选择迁出本县'],
    ['a township', '341324101', '请选到村（社区）一级'],
    ['the village it is in', '341324100203', '孩子已经在这个村，请选择要迁去的村'],
  ])('a move to %s', (_case, target, problem) => {
    expect(childFileMoveProblem(target, '341324100203')).toBe(problem);
  });
});
