import type { ChildCategory, ChildFileStatus } from './child-files';
import {
  fileMovedText,
  onQuarterlyPlan,
  quarterlyPlanChange,
  quarterlyVisitWindow,
} from './visit-plan';
import { DEFAULT_VISIT_POLICY } from './visits';

const file = (status: ChildFileStatus, categories: ChildCategory[] = []) => ({
  status,
  categories,
});

describe(onQuarterlyPlan.name, () => {
  it.each([
    ['在册, left behind', file('active', ['left_behind']), true],
    ['在册, in distress twice over', file('active', ['orphan', 'low_income']), true],
    ['在册 without a category', file('active'), false],
    ['销号 with a category', file('closed', ['left_behind']), false],
  ])('%s: %s', (_case, f, expected) => {
    expect(onQuarterlyPlan(f)).toBe(expected);
  });
});

describe(quarterlyVisitWindow.name, () => {
  const since = new Date('2026-05-01T02:00:00Z');

  it('is due the policy’s quarter after it starts', () => {
    expect(quarterlyVisitWindow(since)).toEqual({
      startedAt: since,
      dueAt: new Date('2026-07-30T02:00:00Z'),
    });
  });

  it('follows an administrator’s policy', () => {
    const policy = { ...DEFAULT_VISIT_POLICY, quarterlyDays: 30 };

    expect(quarterlyVisitWindow(since, policy).dueAt).toEqual(new Date('2026-05-31T02:00:00Z'));
  });
});

describe(quarterlyPlanChange.name, () => {
  it.each([
    ['opened with a category', null, file('active', ['orphan']), 'start'],
    ['opened without one (a report’s file)', null, file('active'), null],
    ['given its first category', file('active'), file('active', ['left_behind']), 'start'],
    ['given another category', file('active', ['orphan']), file('active', ['orphan', 'hiv']), null],
    ['its last category removed', file('active', ['orphan']), file('active'), 'stop'],
    ['closed', file('active', ['orphan']), file('closed', ['orphan']), 'stop'],
    ['closed without a category', file('active'), file('closed'), null],
    ['reopened with a category', file('closed', ['orphan']), file('active', ['orphan']), 'start'],
    ['reopened without one', file('closed'), file('active'), null],
  ] as const)('%s: %s', (_case, before, after, expected) => {
    expect(quarterlyPlanChange(before, after)).toBe(expected);
  });
});

describe(fileMovedText.name, () => {
  it('says a file came in and by which Beijing day its next visit is due', () => {
    // 16:30 UTC on 2 December is already 3 December in Beijing.
    expect(fileMovedText(new Date('2026-12-02T16:30:00Z'))).toBe(
      '一份儿童档案已转入你单位，下次走访请在2026年12月3日前完成。',
    );
  });

  it('asks only to look at a file with no visit planned', () => {
    expect(fileMovedText(null)).toBe('一份儿童档案已转入你单位，请查看档案。');
  });
});
