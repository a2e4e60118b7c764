import {
  INSTITUTION_MESSAGES,
  INSTITUTION_TYPE_LABEL_MESSAGE,
  institutionImportErrorKey,
  institutionProblems,
  orgTypeOfLabel,
  type InstitutionPlace,
} from './institutions';

const SIXIAN: InstitutionPlace = {
  countyCode: '341324',
  divisionExists: (code) => ['341324', '341324100', '341324100203', '341322100'].includes(code),
};

const VALID = {
  name: '泗城镇中心小学',
  type: 'school',
  divisionCode: '341324100',
  contactName: '王校长',
  contactPhone: '0557-7012345',
};

describe(institutionProblems.name, () => {
  it('takes a whole institution, and one without contact', () => {
    expect(institutionProblems(VALID, SIXIAN)).toEqual({});
    expect(
      institutionProblems({ name: '县医院', type: 'medical', divisionCode: '341324' }, SIXIAN),
    ).toEqual({});
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a blank name', { name: '   ' }, { name: '请填写机构名称' }],
    ['a name of 101 characters', { name: '校'.repeat(101) }, { name: '机构名称最多100字' }],
    ['a name that is a number', { name: 5 }, { name: INSTITUTION_MESSAGES.nameType }],
    ['a type outside ORG_TYPES', { type: 'bank' }, { type: INSTITUTION_MESSAGES.typeUnknown }],
    [
      'a division of 7 digits',
      { divisionCode: '3413241' },
      { divisionCode: INSTITUTION_MESSAGES.divisionFormat },
    ],
    [
      'a division of another county',
      { divisionCode: '341322100' },
      { divisionCode: INSTITUTION_MESSAGES.divisionOutsideCounty },
    ],
    [
      'a division that does not exist',
      { divisionCode: '341324999' },
      { divisionCode: INSTITUTION_MESSAGES.divisionUnknown },
    ],
    [
      'a contact name of 51 characters',
      { contactName: '王'.repeat(51) },
      { contactName: '联系人最多50字' },
    ],
    ['a blank contact name', { contactName: ' ' }, { contactName: '请填写联系人' }],
    [
      'a contact phone of letters',
      { contactPhone: 'abc' },
      { contactPhone: INSTITUTION_MESSAGES.contactPhone },
    ],
    [
      'a contact phone of 5 digits',
      { contactPhone: '12345' },
      { contactPhone: INSTITUTION_MESSAGES.contactPhone },
    ],
  ])('refuses %s, and only that field', (_case, change, expected) => {
    expect(institutionProblems({ ...VALID, ...change }, SIXIAN)).toEqual(expected);
  });

  it('asks for name, type and division of a new institution', () => {
    expect(institutionProblems({}, SIXIAN)).toEqual({
      name: '请填写机构名称',
      type: INSTITUTION_MESSAGES.typeMissing,
      divisionCode: INSTITUTION_MESSAGES.divisionMissing,
    });
  });

  it('asks nothing absent of a change, and lets null clear the contact', () => {
    expect(institutionProblems({}, SIXIAN, { partial: true })).toEqual({});
    expect(
      institutionProblems({ contactName: null, contactPhone: null }, SIXIAN, { partial: true }),
    ).toEqual({});
    expect(institutionProblems({ type: 'bank' }, SIXIAN, { partial: true })).toEqual({
      type: INSTITUTION_MESSAGES.typeUnknown,
    });
  });
});

describe(orgTypeOfLabel.name, () => {
  it.each([
    ['学校', 'school'],
    [' 幼儿园 ', 'kindergarten'],
    ['旅店、宾馆', 'hotel'],
    ['村民委员会', 'village_committee'],
    ['school', null],
    ['小学', null],
  ])('reads %j as %j', (label, type) => {
    expect(orgTypeOfLabel(label)).toBe(type);
  });

  it('names every label in its refusal', () => {
    expect(INSTITUTION_TYPE_LABEL_MESSAGE).toContain('学校、幼儿园');
  });
});

describe(institutionImportErrorKey.name, () => {
  it('names the row and the heading', () => {
    expect(institutionImportErrorKey(3, '类型')).toBe('第3行 类型');
  });
});
