import { isDivisionCode, reportPriority, shouldAdviseCall110 } from './report-rules';
import type { SituationCode } from './situations';

describe('reportPriority', () => {
  it.each<[SituationCode[], boolean, string]>([
    [['dropout'], false, 'P3'],
    [['consultation', 'mental_health'], false, 'P3'],
    [['living_alone'], false, 'P2'],
    [['dropout', 'street_child'], false, 'P2'],
    [['violence_abuse'], false, 'P1'],
    [['dropout', 'living_alone', 'organized_begging'], false, 'P1'],
    [['dropout'], true, 'P1'],
    [['consultation'], true, 'P1'],
    [[], true, 'P1'],
  ])('%j with danger=%s is %s', (situations, danger, expected) => {
    expect(reportPriority(situations, danger)).toBe(expected);
  });
});

describe('shouldAdviseCall110', () => {
  it('advises 110 exactly when the child is in danger now', () => {
    expect(shouldAdviseCall110(true)).toBe(true);
    expect(shouldAdviseCall110(false)).toBe(false);
  });
});

describe('isDivisionCode', () => {
  it.each([
    ['341324', true],
    ['341324100', true],
    ['341324100201', true],
    ['34132', false],
    ['3413241', false],
    ['3413241002011', false],
    ['34132a', false],
    ['', false],
  ])('%s → %s', (code, expected) => {
    expect(isDivisionCode(code)).toBe(expected);
  });
});
