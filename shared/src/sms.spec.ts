import { CLOCKS } from './clocks';
import { OUTCOME_LABELS, type Outcome } from './outcomes';
import { PRIORITIES } from './priorities';
import { SITUATION_CODES, SITUATION_SHORT_LABELS, situation } from './situations';
import {
  SMS_PARAM_MAX_LENGTH,
  callerAcceptedSmsParams,
  callerClosedSmsParams,
  dutyEscalationSmsParams,
  dutyOrderSmsParams,
} from './sms';

const place = '泗城镇';

describe(dutyOrderSmsParams.name, () => {
  it.each([
    [['violence_abuse'], '紧急', '受到侵害或伤害'],
    [['living_alone', 'private_part_injury'], '紧急', '受到侵害或伤害、无人监护'],
    [[], '紧急', '见工单'],
  ] as const)('names %j by its kind of case', (situations, priority, words) => {
    expect(
      dutyOrderSmsParams({
        priority: 'P1',
        situations,
        place,
        signDueAt: new Date('2026-12-03T06:30:00Z'),
      }),
    ).toEqual([priority, words, place, '12月3日 14:30']);
  });

  it('cuts a long place to the variable limit', () => {
    const [, , cut] = dutyOrderSmsParams({
      priority: 'P1',
      situations: ['dropout'],
      place: '大庄镇张庄村民委员会第三村民小组',
      signDueAt: new Date(),
    });
    expect(Array.from(cut)).toHaveLength(SMS_PARAM_MAX_LENGTH);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe(dutyEscalationSmsParams.name, () => {
  it.each([
    ['sign', 'overdue', '签收已超时督办'],
    ['sign', 'red', '签收超时两倍'],
    ['resolve', 'overdue', '办结已超时督办'],
  ] as const)('says the %s clock reached %s', (clock, stage, words) => {
    expect(
      dutyEscalationSmsParams({ priority: 'P2', situations: ['dropout'], place, clock, stage }),
    ).toEqual(['加急', words, '生活或就学困难', place]);
  });
});

describe('caller messages', () => {
  it('gives the tracking code and, at 办结, the outcome label only', () => {
    expect(callerAcceptedSmsParams('ACDEFGHJKM')).toEqual(['ACDEFGHJKM']);
    expect(callerClosedSmsParams('ACDEFGHJKM', 'returned_to_school')).toEqual([
      'ACDEFGHJKM',
      '已劝返复学',
    ]);
    expect(callerClosedSmsParams('ACDEFGHJKM', null)).toEqual(['ACDEFGHJKM', '可凭查询码查看']);
  });
});

describe('every SMS variable', () => {
  const all = [
    ...SITUATION_CODES.flatMap((code) =>
      PRIORITIES.flatMap((priority) => [
        ...dutyOrderSmsParams({ priority, situations: [code], place, signDueAt: new Date() }),
        ...CLOCKS.flatMap((clock) =>
          (['overdue', 'red'] as const).flatMap((stage) =>
            dutyEscalationSmsParams({ priority, situations: [code], place, clock, stage }),
          ),
        ),
      ]),
    ),
    ...(Object.keys(OUTCOME_LABELS) as Outcome[]).flatMap((o) => callerClosedSmsParams('AB', o)),
  ];

  it('fits the variable limit', () => {
    for (const value of all) expect(Array.from(value).length).toBeLessThanOrEqual(12);
  });

  it('never names a situation', () => {
    const situationWords = SITUATION_CODES.flatMap((code) => [
      situation(code).legalLabel,
      situation(code).plainLabel,
      SITUATION_SHORT_LABELS[code],
    ]);
    for (const value of all) {
      for (const word of situationWords) expect(value).not.toContain(word);
    }
  });
});
