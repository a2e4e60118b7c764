import {
  idNumberBirthDate,
  isValidIdNumber,
  isMobilePhone,
  isValidPhone,
  PHONE_MAX_LENGTH,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
} from './identity';

/** The example of GB 11643-1999 itself, and a child of 泗县 born 2015-03-01 whose check is X. */
const STANDARD_EXAMPLE = '11010519491231002X';
const CHILD_WITH_X = '34132420150301017X';

describe('normalizeName', () => {
  it.each([
    ['spaces', '王 小 红', '王小红'],
    ['ideographic space U+3000', '王\u3000小红', '王小红'],
    ['no-break and zero-width spaces', '王\u00A0小\u200B红', '王小红'],
    ['leading and trailing space', '  王小红 ', '王小红'],
    ['间隔号 U+00B7', '阿卜杜·热合曼', '阿卜杜热合曼'],
    ['bullet U+2022', '阿卜杜•热合曼', '阿卜杜热合曼'],
    ['katakana middle dot U+30FB', '阿卜杜・热合曼', '阿卜杜热合曼'],
    ['half-width katakana middle dot U+FF65', '阿卜杜･热合曼', '阿卜杜热合曼'],
    ['hyphenation point U+2027', '阿卜杜‧热合曼', '阿卜杜热合曼'],
    ['bullet operator U+2219', '阿卜杜∙热合曼', '阿卜杜热合曼'],
    ['dot operator U+22C5', '阿卜杜⋅热合曼', '阿卜杜热合曼'],
    ['full stop', '阿卜杜.热合曼', '阿卜杜热合曼'],
    ['full-width full stop U+FF0E', '阿卜杜．热合曼', '阿卜杜热合曼'],
    ['small full stop U+FE52', '阿卜杜﹒热合曼', '阿卜杜热合曼'],
    ['ideographic full stop U+3002', '阿卜杜。热合曼', '阿卜杜热合曼'],
    ['hyphen-minus', '阿卜杜-热合曼', '阿卜杜热合曼'],
    ['full-width hyphen U+FF0D', '阿卜杜－热合曼', '阿卜杜热合曼'],
    ['em dash U+2014', '阿卜杜—热合曼', '阿卜杜热合曼'],
    ['full-width Latin, mixed case', 'Ｗａｎｇ Xiaohong', 'wangxiaohong'],
    ['a compatibility ideograph', '王\uF9F4红', '王林红'],
  ])('ignores %s', (_kind, typed, expected) => {
    expect(normalizeName(typed)).toBe(expected);
  });

  it('keeps names that differ apart', () => {
    expect(normalizeName('王小红')).not.toBe(normalizeName('王小虹'));
    expect(normalizeName('阿卜杜·热合曼')).not.toBe(normalizeName('热合曼·阿卜杜'));
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['as printed', CHILD_WITH_X, CHILD_WITH_X],
    ['lower-case x', CHILD_WITH_X.toLowerCase(), CHILD_WITH_X],
    ['full-width digits and Ｘ', '３４１３２４２０１５０３０１０１７Ｘ', CHILD_WITH_X],
    ['full-width ｘ', '34132420150301017ｘ', CHILD_WITH_X],
    ['spaces between groups', '341324 20150301 017X', CHILD_WITH_X],
    ['U+3000 and trailing space', '341324\u300020150301017x ', CHILD_WITH_X],
    ['dashes between groups', '341324-20150301-017X', CHILD_WITH_X],
  ])('reads the %s form', (_kind, typed, expected) => {
    expect(normalizeIdNumber(typed)).toBe(expected);
  });
});

describe('isValidIdNumber', () => {
  it.each([
    STANDARD_EXAMPLE,
    CHILD_WITH_X,
    CHILD_WITH_X.toLowerCase(),
    '３４１３２４２０１５０３０１０１７ｘ',
    '341324201503010014',
    '341324201602290015',
  ])('accepts %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '341324201503010015'],
    ['X where the check is a digit', '34132420150301001X'],
    ['a digit where the check is X', '341324201503010170'],
    ['17 characters', '34132420150301017'],
    ['19 characters', '34132420150301017X1'],
    ['the 15-digit form of before 1999', '341324150301017'],
    ['X inside', '3413242015030X017X'],
    ['no province 99', '991324201503010015'],
    ['no province 00', '001324201503010016'],
    ['no 29 February in 2015', '341324201502290018'],
    ['a 13th month', '341324201513010018'],
    ['a birth year before 1900', '341324189903010014'],
    ['letters', 'ABCDEFGHIJKLMNOPQR'],
    ['an empty string', ''],
  ])('refuses %s', (_kind, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it('gives the birth date of a valid number and none of an invalid one', () => {
    expect(idNumberBirthDate('341324 20150301 017x')).toBe('2015-03-01');
    expect(idNumberBirthDate(STANDARD_EXAMPLE)).toBe('1949-12-31');
    expect(idNumberBirthDate('341324201503010015')).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    ['a plain mobile', '13912345678', '13912345678'],
    ['spaces', '139 1234 5678', '13912345678'],
    ['dashes', '139-1234-5678', '13912345678'],
    ['+86', '+8613912345678', '13912345678'],
    ['+86 with separators', '+86 139-1234-5678', '13912345678'],
    ['+86 in parentheses', '(+86) 139 1234 5678', '13912345678'],
    ['0086', '0086 139 1234 5678', '13912345678'],
    ['86 without +', '86 13912345678', '13912345678'],
    ['full-width digits and ＋', '＋８６ １３９１２３４５６７８', '13912345678'],
    ['U+3000 between groups', '139\u30001234\u30005678', '13912345678'],
    ['a landline with dash', '0551-65123456', '055165123456'],
    ['a landline with area code in parentheses', '(0551) 6512 3456', '055165123456'],
    ['a landline written internationally', '+86 551 6512 3456', '055165123456'],
    ['a landline after 0086 with its 0', '0086 0557 1234567', '05571234567'],
  ])('reads %s', (_kind, typed, expected) => {
    expect(normalizePhone(typed)).toBe(expected);
  });

  it('keeps another country’s number apart from a Chinese one', () => {
    expect(normalizePhone('+1 3912345678')).not.toBe(normalizePhone('13912345678'));
  });
});

describe('isValidPhone', () => {
  it.each([
    '13912345678',
    '+86 139-1234-5678',
    '0086 13912345678',
    '８６１３９１２３４５６７８',
    '0551-65123456',
    '(0551)6512-3456',
    '010 1234 5678',
    '+86 551 6512 3456',
    '+86 138 0000 0000',
    '+86 (0551) 6512-3456',
    ` 139 1234 5678${' '.repeat(PHONE_MAX_LENGTH - 14)}`,
  ])('accepts %s', (phone) => {
    expect(isValidPhone(phone)).toBe(true);
  });

  it.each([
    ['too short', '1391234567'],
    ['too long', '139123456789'],
    ['no mobile starts 12', '12912345678'],
    ['a landline without area code', '65123456'],
    ['letters among the digits', '139abc12345678'],
    ['a Chinese word', '电话13912345678'],
    ['another country', '+1 415 555 2671'],
    ['a plus in the middle', '139+12345678'],
    ['only separators', '- -'],
    ['an empty string', ''],
    [
      'more characters than a typed phone takes',
      ` 139 1234 5678${' '.repeat(PHONE_MAX_LENGTH - 13)}`,
    ],
  ])('refuses %s', (_kind, phone) => {
    expect(isValidPhone(phone)).toBe(false);
  });
});

describe('isMobilePhone', () => {
  it.each([
    ['13912345678', true],
    ['+86 139-1234-5678', true],
    ['＋８６１３９１２３４５６７８', true],
    ['(0551) 6512-3456', false],
    ['0557-7011110', false],
    ['1391234567', false],
  ])('%s → %s', (phone, mobile) => {
    expect(isMobilePhone(phone)).toBe(mobile);
  });
});
