import { loadConfig } from '../config/load-config';
import { Sealer } from './sealer';

describe(Sealer.name, () => {
  const sut = new Sealer(loadConfig({}));

  it('opens what it sealed, rare characters included', () => {
    const value = { name: '𠮷祥😀', phone: '13800000000' };

    expect(sut.open(sut.seal(value))).toEqual(value);
  });

  it('never shows the plain text and never seals the same value the same way twice', () => {
    const sealed = sut.seal({ phone: '13800000000' });

    expect(sealed).not.toContain('13800000000');
    expect(sut.seal({ phone: '13800000000' })).not.toBe(sealed);
  });

  it('refuses a sealed value that was tampered with or sealed with another key', () => {
    const sealed = sut.seal({ name: '小明' });
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    const otherKey = new Sealer(
      loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }),
    );

    expect(() => sut.open(tampered)).toThrow();
    expect(() => otherKey.open(sealed)).toThrow();
  });
});
