import type { ReportChild } from '@shouhu/shared';
import { childIdentities, childSearchKeys } from './child-identity';

const TOWN = '341324100';
/** 2026-05-01 10:00 Beijing time. */
const NOW = new Date('2026-05-01T02:00:00Z');

const ids = (child: ReportChild, division = TOWN, now = NOW) =>
  childIdentities(child, division, now);
const shared = (a: string[], b: string[]) => a.some((identity) => b.includes(identity));

describe('childIdentities', () => {
  it.each<[string, ReportChild, string, string[]]>([
    ['nothing', {}, TOWN, []],
    ['a name alone', { name: '王小红' }, TOWN, []],
    ['a name and age at county level', { name: '王小红', ageYears: 9 }, '341324', []],
    ['an invalid 身份证号', { idNumber: '341324201503010015' }, TOWN, []],
    ['a valid 身份证号', { idNumber: '34132420150301017x' }, TOWN, ['id|34132420150301017X']],
    [
      'a name with an age: both birth years it can mean',
      { name: '王 小红', ageYears: 9 },
      '341324100015',
      ['name-born|341324100|王小红|2016', 'name-born|341324100|王小红|2017'],
    ],
    [
      'a name with a birth date: its year',
      { name: '王小红', birthDate: '2016-12-31', ageYears: 5 },
      TOWN,
      ['name-born|341324100|王小红|2016'],
    ],
    [
      'a name with a 身份证号: the year it carries',
      { name: '王小红', idNumber: '341324201503010014' },
      TOWN,
      ['id|341324201503010014', 'name-born|341324100|王小红|2015'],
    ],
    [
      'a guardian phone',
      { guardianPhone: '+86 139-1234-5678' },
      '341324',
      ['guardian-phone|13912345678'],
    ],
  ])('gives for %s what it should', (_kind, child, division, expected) => {
    expect(ids(child, division)).toEqual(expected);
  });

  it('takes the year on Beijing’s date: 1 January 01:00 there is still 31 December in UTC', () => {
    const newYear = new Date('2026-12-31T17:00:00Z');
    expect(ids({ name: '王小红', ageYears: 9 }, TOWN, newYear)).toContain(
      'name-born|341324100|王小红|2018',
    );
  });

  it.each<[string, ReportChild, Date, ReportChild, Date, boolean]>([
    [
      'an age and a birth date it fits: one child',
      { ageYears: 9 },
      NOW,
      { birthDate: '2016-09-01' },
      NOW,
      true,
    ],
    [
      'an age and a birth date it cannot fit: two children',
      { ageYears: 9 },
      NOW,
      { birthDate: '2015-01-01' },
      NOW,
      false,
    ],
    [
      'the same age a year later, one higher: one child',
      { ageYears: 9 },
      NOW,
      { ageYears: 10 },
      new Date('2027-03-01T02:00:00Z'),
      true,
    ],
    [
      'ages two apart on the same day: two children',
      { ageYears: 9 },
      NOW,
      { ageYears: 11 },
      NOW,
      false,
    ],
  ])('%s', (_kind, a, aAt, b, bAt, same) => {
    const named = (child: ReportChild) => ({ name: '王小红', ...child });
    expect(shared(ids(named(a), TOWN, aAt), ids(named(b), TOWN, bAt))).toBe(same);
  });
});

describe(childSearchKeys.name, () => {
  const KEY = Buffer.alloc(32, 7);
  const keys = (identity: { name?: string; idNumber?: string }) => childSearchKeys(KEY, identity);

  it.each([
    [
      'a full-width 身份证号 with a lower-case x',
      { idNumber: '３４１３２４２０１５０３０１０１７ｘ' },
    ],
    ['a 身份证号 read off in groups', { idNumber: '341324 20150301 017X' }],
  ])('finds the number however it was typed: %s', (_kind, typed) => {
    expect(keys(typed).idKey).toBe(keys({ idNumber: '34132420150301017X' }).idKey);
  });

  it('finds a minority name typed with or without its 间隔号', () => {
    expect(keys({ name: '阿卜杜·热合曼' }).nameKey).toBe(keys({ name: '阿卜杜热合曼' }).nameKey);
  });

  it.each([
    ['part of a name', { name: '阿卜杜' }],
    ['part of a number', { idNumber: '341324201503' }],
  ])('finds nothing by %s', (_kind, typed) => {
    const whole = keys({ name: '阿卜杜热合曼', idNumber: '34132420150301017X' });
    expect(keys(typed).nameKey ?? keys(typed).idKey).not.toBe(whole.nameKey);
    expect(keys(typed).idKey ?? keys(typed).nameKey).not.toBe(whole.idKey);
  });

  it('keeps a name and a number of the same characters apart', () => {
    expect(keys({ name: '12345' }).nameKey).not.toBe(keys({ idNumber: '12345' }).idKey);
  });

  it('gives no key for nothing', () => {
    expect(keys({ name: ' ', idNumber: '' })).toEqual({ nameKey: null, idKey: null });
  });
});
