import {
  TRACKING_CODE_ALPHABET,
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

  it('accepts what people type and rejects anything else', () => {
    expect(isTrackingCode('ACDE-FGHJ-KM')).toBe(true);
    expect(isTrackingCode('acde fghj km')).toBe(true);
    expect(isTrackingCode('ACDEFGHJK')).toBe(false);
    expect(isTrackingCode('ACDEFGHJKO')).toBe(false);
  });

  it('normalises and formats for reading aloud', () => {
    expect(normalizeTrackingCode(' acde-fghj-km ')).toBe('ACDEFGHJKM');
    expect(formatTrackingCode('ACDEFGHJKM')).toBe('ACDE-FGHJ-KM');
  });
});
