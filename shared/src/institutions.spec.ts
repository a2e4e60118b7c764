import {
  INSTITUTION_MESSAGES,
  canonicalInstitutionName,
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

  const LINE_BREAKS_AND_TABS = ['\n', '\r', '\r\n', '\t', '\u2028', '\u2029'];
  const ONE_LINE_FIELDS: [string, string, string][] = [
    ['name', '泗城镇中心小学', '机构名称'],
    ['contactName', '王校长', '联系人'],
    ['contactPhone', '0557-7012345', '联系电话'],
    ['divisionCode', '341324100', '区划代码'],
  ];
  it.each(
    ONE_LINE_FIELDS.flatMap(([field, value, label]) =>
      LINE_BREAKS_AND_TABS.flatMap((mark) =>
        [`${mark}${value}`, `${value.slice(0, 3)}${mark}${value.slice(3)}`, `${value}${mark}`].map(
          (text): [string, string, string] => [field, text, label],
        ),
      ),
    ),
  )('refuses a line break or tab in %s: %j', (field, text, label) => {
    expect(institutionProblems({ ...VALID, [field]: text }, SIXIAN)).toEqual({
      [field]: `${label}要写在一行内，请删去换行和制表符（Tab）`,
    });
  });

  it('walks every field that takes text', () => {
    expect(ONE_LINE_FIELDS.map(([field]) => field).sort()).toEqual(
      Object.keys(VALID)
        .filter((field) => field !== 'type')
        .sort(),
    );
  });

  it('refuses a name whose canonical form is longer than the limit', () => {
    // NFKC writes ㍻ as 平成: 60 characters become 120.
    expect(institutionProblems({ ...VALID, name: '㍻'.repeat(60) }, SIXIAN)).toEqual({
      name: '机构名称最多100字',
    });
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

describe(canonicalInstitutionName.name, () => {
  const CANONICAL = '泗县第1中学（本部）';
  it.each([
    ['as it is', '泗县第1中学（本部）'],
    ['with half-width brackets', '泗县第1中学(本部)'],
    ['with one bracket of each width', '泗县第1中学(本部）'],
    ['with a full-width digit', '泗县第１中学（本部）'],
    ['with leading and trailing spaces', '  泗县第1中学（本部） '],
    ['with an ideographic space at the end', '泗县第1中学（本部）\u3000'],
    ['with a space before the bracket', '泗县第1中学 (本部)'],
    ['with a zero-width space', '泗县\u200B第1中学（本部）'],
    ['with a zero-width joiner', '泗县第1\u200D中学（本部）'],
    ['with a zero-width non-joiner', '泗县第1中学\u200C（本部）'],
    ['with a word joiner', '泗县\u2060第1中学（本部）'],
    ['with a byte-order mark', '\uFEFF泗县第1中学（本部）'],
    ['with a soft hyphen', '泗县第1中\u00ADmid学（本部）'.replace('mid', '')],
    ['with a Hangul filler', '泗县第1中学\u3164（本部）'],
  ])('writes the name %s as the one canonical form', (_case, name) => {
    expect(canonicalInstitutionName(name)).toBe(CANONICAL);
  });

  it.each([
    ['full-width letters', 'ＡＢＣ幼儿园', 'ABC幼儿园'],
    ['a no-break space', '泗城镇\u00A0A区小学', '泗城镇 A区小学'],
    ['doubled spaces', '泗城镇  A区   小学', '泗城镇 A区 小学'],
    ['a full-width comma', '泗县妇幼保健院，儿科', '泗县妇幼保健院，儿科'],
    ['a half-width comma', '泗县妇幼保健院, 儿科', '泗县妇幼保健院，儿科'],
    ['ASCII signs it keeps', '100%_好宾馆', '100%_好宾馆'],
  ])('writes %s as Chinese names are written', (_case, name, canonical) => {
    expect(canonicalInstitutionName(name)).toBe(canonical);
  });

  it('keeps letters’ case: ABC and abc look different', () => {
    expect(canonicalInstitutionName('abc幼儿园')).not.toBe(canonicalInstitutionName('ABC幼儿园'));
  });

  it('is written once: the canonical form of a canonical name is itself', () => {
    for (const name of ['泗县第１中学 (本部)', ' ＡＢ\u200B幼儿园 , 分园 ']) {
      const once = canonicalInstitutionName(name);
      expect(canonicalInstitutionName(once)).toBe(once);
    }
  });
});
