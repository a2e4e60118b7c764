import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../config/load-config';
import { Sealer } from '../crypto/sealer';
import { UploadStore } from './upload-store';

describe(UploadStore.name, () => {
  let directory: string;
  let store: UploadStore;
  const evidence = Buffer.from('孩子手臂上的伤痕照片，'.repeat(5000));

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'shouhu-store-'));
    const config = loadConfig({ UPLOAD_DIR: directory });
    store = new UploadStore(config, new Sealer(config));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** `bytes` in 1000-byte chunks, as a network stream delivers them. */
  const arriving = (bytes: Buffer) =>
    Readable.from(
      Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) =>
        bytes.subarray(i * 1000, (i + 1) * 1000),
      ),
    );

  it('writes what arrives sealed, and reads the same bytes back', async () => {
    const temp = await store.receive(arriving(evidence));

    const onDisk = readFileSync(temp.path);
    expect(temp.size).toBe(evidence.length);
    expect(onDisk.includes(Buffer.from('孩子手臂'))).toBe(false);
    expect((await store.plaintextOf(temp)).equals(evidence)).toBe(true);
  });

  it('keeps a video under its id in the format the viewer opens', async () => {
    const temp = await store.receive(arriving(evidence));

    await store.commit('upload-1', temp, null);

    expect(readdirSync(directory)).toEqual(['upload-1.bin']);
    expect((await store.read('upload-1')).equals(evidence)).toBe(true);
  });

  it('refuses to read a sealed file someone altered', async () => {
    const temp = await store.receive(arriving(evidence));
    const onDisk = readFileSync(temp.path);
    onDisk[onDisk.length - 1] ^= 1;
    writeFileSync(temp.path, onDisk);

    await expect(store.plaintextOf(temp)).rejects.toThrow('unable to authenticate data');
  });

  it('deletes the temporary file when the upload breaks off', async () => {
    const broken = Readable.from(
      (async function* () {
        for (let i = 0; i < 5; i++) {
          yield evidence.subarray(0, 1000);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('connection reset');
      })(),
    );

    await expect(store.receive(broken)).rejects.toThrow('connection reset');
    expect(readdirSync(directory)).toEqual([]);
  });
});
