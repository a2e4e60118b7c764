import {
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_DESCRIPTION,
  TRACKING_CODE_MAX_TYPED_LENGTH,
  formatTrackingCode,
  isTrackingCode,
  normalizeTrackingCode,
} from './tracking-code';

describe('tracking codes', () => {
  it('uses no characters that are easily confused', () => {
    for (const ambiguous of '0O1IL2Z5S8BUV') {
      expect(TRACKING_CODE_ALPHABET).not.toContain(ambiguous);
    }
    expect(new Set(TRACKING_CODE_ALPHABET).size).toBe(TRACKING_CODE_ALPHABET.length);
  });

  it.each<[string, boolean]>([
    ['ACDE-FGHJ-KM', true],
    ['acde fghj km', true],
    ['A-C-D-E-F-G-H-J-K-M', true],
    [' ACDEFGHJKM ', true],
    ['A -C-D-E-F-G-H-J-K-M', false],
    ['ACDEFGHJK', false],
    ['ACDEFGHJKO', false],
  ])('takes %j as a code: %s', (typed, accepted) => {
    expect(isTrackingCode(typed)).toBe(accepted);
  });

  it('takes every code typed with a separator between any two characters, and no longer', () => {
    expect('A-C-D-E-F-G-H-J-K-M').toHaveLength(TRACKING_CODE_MAX_TYPED_LENGTH);
  });

  it('describes a code with an example of its own alphabet and the digits it leaves out', () => {
    expect(TRACKING_CODE_DESCRIPTION).toBe(
      '10位字母和数字（如 ACDE-FGHJ-KM，不含0、1、2、5、8和容易看错的字母）',
    );
    expect(isTrackingCode('ACDE-FGHJ-KM')).toBe(true);
  });

  it('normalises and formats for reading aloud', () => {
    expect(normalizeTrackingCode(' acde-fghj-km ')).toBe('ACDEFGHJKM');
    expect(formatTrackingCode('ACDEFGHJKM')).toBe('ACDE-FGHJ-KM');
  });
});
