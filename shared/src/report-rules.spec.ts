import { isDivisionCode, shouldAdviseCall110 } from './report-rules';

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
