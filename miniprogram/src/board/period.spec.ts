import { keepsRegister, seesFigures } from '../services/session';
import { presetPeriod, trendAxisLabel, trendLabel } from './period';

describe('presetPeriod', () => {
  it.each([
    ['this_month', '2026-11-18', '2026-11-01', '2026-11-18'],
    ['last_month', '2026-11-18', '2026-10-01', '2026-10-31'],
    ['last_month', '2026-01-05', '2025-12-01', '2025-12-31'],
    ['last_month', '2024-03-10', '2024-02-01', '2024-02-29'],
    ['this_quarter', '2026-11-18', '2026-10-01', '2026-11-18'],
    ['this_quarter', '2026-03-31', '2026-01-01', '2026-03-31'],
    ['this_year', '2026-11-18', '2026-01-01', '2026-11-18'],
  ] as const)('%s on %s runs %s – %s', (preset, today, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });
});

describe('trendLabel', () => {
  it.each([
    ['2026-11', 'month', '11月'],
    ['2026-W05', 'week', '1/26–2/1'],
    ['2026-11-03', 'day', '11月3日'],
  ] as const)('%s by %s reads %s', (period, by, label) => {
    expect(trendLabel(period, by)).toBe(label);
  });
});

describe('trendAxisLabel', () => {
  it.each([
    ['2026-11', 'month', '11月'],
    ['2026-W05', 'week', '1/26起'],
    ['2026-12-03', 'day', '12/3'],
  ] as const)('%s by %s reads %s under its bar', (period, by, label) => {
    expect(trendAxisLabel(period, by)).toBe(label);
  });
});

describe('who sees the figures', () => {
  const user = (roles: string[], unitDepartment?: string) =>
    ({ id: 'u', roles, unitDepartment }) as Parameters<typeof seesFigures>[0];

  it.each([
    ['the county coordinator', user(['reporter', 'coordinator'], 'coordinator'), true, true],
    ['a township 儿童督导员', user(['handler'], 'township'), true, false],
    ['a village 儿童主任', user(['handler'], 'village'), true, false],
    ['the police', user(['handler'], 'police'), false, false],
    ['a reporter', user(['reporter', 'mandated_reporter']), false, false],
    ['an administrator', user(['admin']), false, false],
    ['nobody logged in', null, false, false],
  ])('%s: figures %s, register %s', (_who, who, figures, register) => {
    expect(seesFigures(who)).toBe(figures);
    expect(keepsRegister(who)).toBe(register);
  });
});
