import { calendarFrom } from './calendar';
import {
  CLOCKS,
  DEFAULT_SLA_POLICY,
  clockDeadline,
  durationText,
  nextClockEvent,
  returnDeadline,
  stagesReached,
  type ClockName,
} from './clocks';
import type { Priority } from './priorities';

/** Mon–Fri only, covering 2026: enough to check the clock table itself. */
const weekdays = calendarFrom([2026], []);
const MONDAY_10AM = new Date('2026-11-16T10:00:00+08:00');

describe('clockDeadline (domain.md defaults)', () => {
  it.each<[ClockName, Priority, string]>([
    ['sign', 'P1', '2026-11-16T10:30:00+08:00'],
    ['sign', 'P2', '2026-11-16T12:00:00+08:00'],
    ['sign', 'P3', '2026-11-17T23:59:59.999+08:00'],
    ['contact', 'P1', '2026-11-17T10:00:00+08:00'],
    ['contact', 'P2', '2026-11-17T10:00:00+08:00'],
    ['contact', 'P3', '2026-11-19T23:59:59.999+08:00'],
    ['feedback', 'P1', '2026-11-19T10:00:00+08:00'],
    ['feedback', 'P2', '2026-11-19T10:00:00+08:00'],
    ['feedback', 'P3', '2026-11-19T10:00:00+08:00'],
    ['resolve', 'P1', '2026-11-19T10:00:00+08:00'],
    ['resolve', 'P2', '2026-11-23T23:59:59.999+08:00'],
    ['resolve', 'P3', '2026-11-23T23:59:59.999+08:00'],
  ])('%s at %s started Monday 10:00 is due %s', (clock, priority, due) => {
    expect(clockDeadline(clock, priority, MONDAY_10AM, weekdays).due).toEqual(new Date(due));
  });

  it('has a deadline for every clock and priority', () => {
    for (const clock of CLOCKS) {
      expect(Object.keys(DEFAULT_SLA_POLICY.clocks[clock]).sort()).toEqual(['P1', 'P2', 'P3']);
    }
  });
});

describe('returnDeadline', () => {
  it.each<[Priority, string]>([
    ['P1', '2026-11-16T10:30:00+08:00'],
    ['P2', '2026-11-16T12:00:00+08:00'],
    ['P3', '2026-11-18T23:59:59.999+08:00'],
  ])('lets %s be returned until %s', (priority, due) => {
    expect(returnDeadline(priority, MONDAY_10AM, weekdays).due).toEqual(new Date(due));
  });
});

describe('clock stages', () => {
  const clock = {
    startedAt: new Date('2026-11-16T10:00:00+08:00'),
    dueAt: new Date('2026-11-16T10:30:00+08:00'),
  };

  it('reminds at 80 %, is overdue at 100 % and on the red list at 200 %', () => {
    expect(nextClockEvent({ ...clock, stage: 'running' })).toEqual({
      at: new Date('2026-11-16T10:24:00+08:00'),
      stage: 'reminded',
    });
    expect(nextClockEvent({ ...clock, stage: 'reminded' })?.at).toEqual(clock.dueAt);
    expect(nextClockEvent({ ...clock, stage: 'overdue' })?.at).toEqual(
      new Date('2026-11-16T11:00:00+08:00'),
    );
    expect(nextClockEvent({ ...clock, stage: 'red' })).toBeNull();
  });

  it.each([
    ['2026-11-16T10:23:59+08:00', []],
    ['2026-11-16T10:24:00+08:00', ['reminded']],
    ['2026-11-16T10:31:00+08:00', ['reminded', 'overdue']],
    ['2026-11-17T10:00:00+08:00', ['reminded', 'overdue', 'red']],
  ])('at %s a clock never swept has reached %j', (now, stages) => {
    expect(stagesReached({ ...clock, stage: 'running' }, new Date(now))).toEqual(stages);
  });

  it('does not report a stage twice', () => {
    expect(
      stagesReached({ ...clock, stage: 'overdue' }, new Date('2026-11-16T10:45:00+08:00')),
    ).toEqual([]);
  });
});

describe(durationText.name, () => {
  it.each<[Parameters<typeof durationText>[0], string]>([
    [{ hours: 0.5 }, '30分钟'],
    [{ hours: 2 }, '2小时'],
    [{ hours: 72 }, '72小时'],
    [{ workingDays: 1 }, '1个工作日'],
  ])('%j → %s', (duration, text) => {
    expect(durationText(duration)).toBe(text);
  });
});
