import { createCipheriv, randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load-config';
import { keyIdOf, Sealer, UnknownKeyError } from './sealer';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const K3 = Buffer.alloc(32, 3);

function sealerWith(current: Buffer, previous: Buffer[] = []): Sealer {
  return new Sealer(
    loadConfig({
      DATA_ENCRYPTION_KEY: current.toString('base64'),
      DATA_ENCRYPTION_PREVIOUS_KEYS: previous.map((key) => key.toString('base64')).join(','),
      BLIND_INDEX_KEY: previous.length > 0 ? K1.toString('base64') : '',
    }),
  );
}

/** How values and files were sealed before keys had ids (the v1 format). */
function legacyBytes(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function legacyValue(key: Buffer, value: unknown): string {
  return `v1:${legacyBytes(key, Buffer.from(JSON.stringify(value))).toString('base64')}`;
}

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
    const otherKey = sealerWith(K3);

    expect(() => sut.open(tampered)).toThrow('unable to authenticate data');
    expect(() => otherKey.open(sealed)).toThrow(UnknownKeyError);
  });

  it('names the current key in every value and file it seals', () => {
    const k2 = sealerWith(K2, [K1]);

    expect(k2.currentKeyId).toBe(keyIdOf(K2));
    expect(k2.seal('x')).toMatch(new RegExp(`^v2:${keyIdOf(K2)}:`));
    expect(k2.keyIdOfValue(k2.seal('x'))).toBe(keyIdOf(K2));
    expect(k2.keyIdOfBytes(k2.sealBytes(Buffer.from('jpeg')))).toBe(keyIdOf(K2));
    expect(keyIdOf(K1)).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdOf(K1)).not.toBe(keyIdOf(K2));
  });

  it('opens v2 values and files under the current key and under a previous key', () => {
    const k1 = sealerWith(K1);
    const k2 = sealerWith(K2, [K1]);

    expect(k2.open(k1.seal({ name: '小明' }))).toEqual({ name: '小明' });
    expect(k2.open(k2.seal({ name: '小红' }))).toEqual({ name: '小红' });
    expect(k2.openBytes(k1.sealBytes(Buffer.from('photo'))).toString()).toBe('photo');
    expect(k2.openBytes(k2.sealBytes(Buffer.from('video'))).toString()).toBe('video');
  });

  it('opens v1 values and header-less files, sealed under the current or a previous key', () => {
    const k2 = sealerWith(K2, [K1]);

    expect(k2.open(legacyValue(K1, { name: '老数据' }))).toEqual({ name: '老数据' });
    expect(k2.open(legacyValue(K2, '13800000000'))).toBe('13800000000');
    expect(k2.keyIdOfValue(legacyValue(K1, 'x'))).toBeNull();
    const file = legacyBytes(K1, Buffer.from('old photo'));
    expect(k2.keyIdOfBytes(file)).toBeNull();
    expect(k2.openBytes(file).toString()).toBe('old photo');
  });

  it('re-seals a value under the current key without changing it', () => {
    const k2 = sealerWith(K2, [K1]);

    for (const old of [sealerWith(K1).seal({ a: '𠮷' }), legacyValue(K1, { a: '𠮷' })]) {
      const resealed = k2.reseal(old);
      expect(k2.keyIdOfValue(resealed)).toBe(keyIdOf(K2));
      expect(sealerWith(K2).open(resealed)).toEqual({ a: '𠮷' });
    }
  });

  it('refuses a value or file under a key it does not hold, naming the key id', () => {
    const k2 = sealerWith(K2);
    const value = sealerWith(K3).seal('x');
    const file = sealerWith(K3).sealBytes(Buffer.from('x'));

    expect(() => k2.open(value)).toThrow(UnknownKeyError);
    expect(() => k2.open(value)).toThrow(keyIdOf(K3));
    expect(() => k2.openBytes(file)).toThrow(keyIdOf(K3));
    expect(() => k2.open(legacyValue(K3, 'x'))).toThrow(/none of the configured keys/);
  });
});
