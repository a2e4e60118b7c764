import { institutionImportErrorKey, institutionProblems } from './institutions';

describe('institutionProblems', () => {
  const valid = {
    name: '泗县第一中学',
    type: 'school' as const,
    divisionCode: '341324100',
    contactName: '王老师',
    contactPhone: '0557-7012345',
  };

  it('finds nothing wrong with a complete institution', () => {
    expect(institutionProblems(valid)).toEqual({});
  });

  it.each([
    ['name', { name: ' ' }, '请填写机构名称（至少2字）'],
    ['name', { name: '校'.repeat(101) }, '机构名称最多100字'],
    ['type', { type: 'bank' }, '请选择单位类型'],
    ['divisionCode', { divisionCode: '34132' }, '请选择所在乡镇或村（社区）'],
    ['contactName', { contactName: '  ' }, '请填写联系人'],
    ['contactPhone', { contactPhone: '12345' }, '联系电话不正确：请填写手机号或带区号的固定电话'],
  ])('names %s when it is wrong (%j)', (field, change, problem) => {
    expect(institutionProblems({ ...valid, ...change } as typeof valid)).toEqual({
      [field]: problem,
    });
  });

  it('checks only the fields a change sends, and lets it clear a contact', () => {
    expect(institutionProblems({ contactName: null, contactPhone: null })).toEqual({});
    expect(institutionProblems({ contactPhone: 'x' })).toEqual({
      contactPhone: '联系电话不正确：请填写手机号或带区号的固定电话',
    });
  });
});

describe('institutionImportErrorKey', () => {
  it('reads as the cell is shown', () => {
    expect(institutionImportErrorKey(3, '类型')).toBe('第3行 类型');
  });
});
