import { visitPlannedLine, visitPlannedText, visitStageText } from './visit-messages';
import { addDays, planVisitEscalation, visitEscalationChain, type VisitReason } from './visits';

const START = new Date('2026-12-01T15:00:00+08:00');

/** What no inbox text may carry: a child's name, a village, a family member, a situation. */
const IDENTIFYING = /王小红|关庙|村|父|母|监护人|辍学|受伤|性侵|留守|困境/;

describe(visitPlannedText.name, () => {
  it('says the kind of visit and its Beijing deadline day', () => {
    expect(visitPlannedText({ reason: 'follow_up', dueAt: addDays(START, 30), count: 1 })).toBe(
      '新安排了一次案后回访：请在12月31日前完成走访。',
    );
  });

  it('counts a holiday’s visits and names the holiday', () => {
    expect(
      visitPlannedText({
        reason: 'holiday',
        dueAt: new Date('2027-01-29T16:00:00Z'),
        count: 12,
        holiday: 'winter',
      }),
    ).toBe('寒假开始了，新安排了12次假期走访：请在1月30日前完成走访。');
  });

  it('never names the child, the place or the situation, for any reason', () => {
    const reasons: VisitReason[] = ['quarterly', 'follow_up', 'holiday', 'dropout_check'];
    for (const reason of reasons) {
      expect(visitPlannedText({ reason, dueAt: START, count: 1 })).not.toMatch(IDENTIFYING);
    }
  });
});

describe(visitPlannedLine.name, () => {
  it.each([
    ['follow_up', '安排了一次案后回访，请在12月31日前完成。'],
    ['holiday', '安排了一次假期走访，请在12月31日前完成。'],
  ] as const)('tells the timeline a %s visit was planned, with its Beijing day', (reason, line) => {
    expect(visitPlannedLine({ reason, dueAt: addDays(START, 30) })).toBe(line);
  });
});

describe(visitStageText.name, () => {
  it('tells one visit’s stage in the timeline’s words', () => {
    const chain = visitEscalationChain('341324100203', [
      {
        id: 't',
        name: '泗城镇儿童督导站',
        department: 'township',
        divisionPrefixes: ['341324100'],
      },
      { id: 'c', name: '泗县联席办', department: 'coordinator', divisionPrefixes: ['341324'] },
    ]);
    const due = {
      reason: 'quarterly' as const,
      startedAt: START,
      dueAt: addDays(START, 10),
      stage: 'running' as const,
      escalationLevel: 0,
    };
    const texts = planVisitEscalation(due, chain, addDays(START, 20)).steps.map(visitStageText);

    expect(texts).toEqual([
      '一次季度走访期限将至，请在2026年12月11日 15:00前完成走访。',
      '一次季度走访已超时未完成，已督办至泗城镇儿童督导站。',
      '一次季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单。',
    ]);
    for (const text of texts) expect(text).not.toMatch(IDENTIFYING);
  });
});
