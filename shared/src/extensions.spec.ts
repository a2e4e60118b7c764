import { DEFAULT_SLA_POLICY } from './clocks';
import {
  extensionDayChoices,
  extensionLabel,
  extensionOffer,
  extensionRequestProblem,
  type ExtensionOffer,
} from './extensions';
import { PRIORITIES } from './priorities';
import { DEPARTMENT_STRENGTH } from './routing';

const MAX = DEFAULT_SLA_POLICY.maxExtensionWorkingDays;
const LADDER = DEFAULT_SLA_POLICY.p1ResolveExtensionsHours;

describe('extensionOffer', () => {
  const cases = DEPARTMENT_STRENGTH.flatMap((department) =>
    PRIORITIES.map((priority) => [department, priority] as const),
  );

  it.each(cases)('offers a %s %s order the right kind of extension', (department, priority) => {
    const offer = extensionOffer({ department, priority, extensionsGranted: 0 });

    if (department === 'police' && priority === 'P1') {
      expect(offer).toEqual({ kind: 'case_review', step: 1, resolveHours: 7 * 24 });
    } else {
      expect(offer).toEqual({ kind: 'working_days', maxWorkingDays: MAX });
    }
  });

  it('climbs the police 立案审查 ladder, 7 then 30 days, and then offers nothing', () => {
    const police = (extensionsGranted: number) =>
      extensionOffer({ department: 'police', priority: 'P1', extensionsGranted });

    expect(police(0)).toMatchObject({ step: 1, resolveHours: 7 * 24 });
    expect(police(1)).toMatchObject({ step: 2, resolveHours: 30 * 24 });
    expect(police(LADDER.length)).toBeNull();
  });

  it('never ends for other orders, a P1 of another department included', () => {
    expect(
      extensionOffer({ department: 'civil_affairs', priority: 'P1', extensionsGranted: 5 }),
    ).toEqual({ kind: 'working_days', maxWorkingDays: MAX });
  });

  it('reads the numbers from the policy it is given', () => {
    const policy = { ...DEFAULT_SLA_POLICY, maxExtensionWorkingDays: 4 };
    expect(
      extensionOffer({ department: 'township', priority: 'P3', extensionsGranted: 0 }, policy),
    ).toEqual({ kind: 'working_days', maxWorkingDays: 4 });
  });
});

describe('extensionRequestProblem', () => {
  const days: ExtensionOffer = { kind: 'working_days', maxWorkingDays: MAX };
  const ladder: ExtensionOffer = { kind: 'case_review', step: 1, resolveHours: 168 };

  it('grants every day the app offers, and nothing beyond', () => {
    const offered = extensionDayChoices(days);
    expect(offered).toEqual(Array.from({ length: MAX }, (_, i) => i + 1));
    for (const d of offered) expect(extensionRequestProblem(days, d)).toBeNull();
    for (const d of [0, -1, MAX + 1, 2.5, Number.NaN]) {
      expect(extensionRequestProblem(days, d)).toBe(`延期应为1到${MAX}个工作日`);
    }
  });

  it('asks for the number of days when none is given', () => {
    expect(extensionRequestProblem(days, undefined)).toBe(`请填写需要延长的工作日数（1到${MAX}）`);
  });

  it('takes the police ladder without a number of days, and offers no day choices for it', () => {
    expect(extensionDayChoices(ladder)).toEqual([]);
    expect(extensionRequestProblem(ladder, undefined)).toBeNull();
    expect(extensionRequestProblem(ladder, 3)).toContain('不填工作日数');
  });

  it('names the request the way the timeline says it', () => {
    expect(extensionLabel(ladder)).toBe('延长至7天（立案审查）');
    expect(extensionLabel({ ...ladder, resolveHours: 720 })).toBe('延长至30天（立案审查）');
    expect(extensionLabel(days, 3)).toBe('延长3个工作日');
  });
});
