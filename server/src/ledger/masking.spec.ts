import { maskIdNumber, maskName, maskTrackingCode } from './masking';

describe('maskName', () => {
  it.each([
    ['王小红', '王*红'],
    ['欧阳小明', '欧**明'],
    ['王红', '王*'],
    ['红', '*'],
    ['', ''],
    [' 王小红 ', '王*红'],
  ])('shows %p as %p', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskTrackingCode', () => {
  it('keeps the first four and the last two characters', () => {
    expect(maskTrackingCode('ACDEFGHJKM')).toBe('ACDE-****-KM');
    expect(maskTrackingCode('ACDEFGHJKMNP')).toBe('ACDE-******-NP');
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['341324201501011234', '341324********1234'],
    ['34132420150101123X', '341324********123X'],
    ['341324150101123', '341324*****1123'],
    ['3413241234', '**********'],
    ['123', '***'],
  ])('shows %p as %p', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});
