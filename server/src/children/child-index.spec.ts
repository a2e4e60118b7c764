import type { AppConfig } from '../config/app-config';
import { ChildIndex } from './child-index';

describe('ChildIndex: the keys `GET /children?q=` looks up', () => {
  const index = new ChildIndex({ blindIndexKey: Buffer.alloc(32, 7) } as AppConfig);
  const keys = (identity: { name?: string; idNumber?: string }) => ({
    nameKey: index.nameKey(identity.name),
    idKey: index.idKey(identity.idNumber),
  });

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
