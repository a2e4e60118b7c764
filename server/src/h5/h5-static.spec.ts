import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { h5CacheControl, h5StaticOptions } from './h5-static';

const YEAR = 'public, max-age=31536000, immutable';

describe(h5CacheControl.name, () => {
  it.each([
    ['index.html', 'no-cache'],
    ['index.html.br', 'no-cache'],
    ['/srv/h5/js/app.0123abcd.js', YEAR],
    ['/srv/h5/js/app.0123abcd.js.br', YEAR],
    ['/srv/h5/chunk/306.deadbeef.js.gz', YEAR],
    ['/srv/h5/css/app.89abcdef.css', YEAR],
    ['/srv/h5/js/app.js', 'no-cache'],
    ['/srv/h5/js/app.0123abcd.js.LICENSE.txt', 'no-cache'],
    ['/srv/h5/js/app.0123ABCD.js', 'no-cache'],
  ])('%s → %s', (path, expected) => {
    expect(h5CacheControl(path)).toBe(expected);
  });
});

/** A build as Taro writes it (hashed scripts and styles, index.html) with its precompressed twins. */
const BUILD: Record<string, string> = {
  'index.html': `<!doctype html><html><body><a href="tel:110">拨打110</a>${'<p>守护</p>'.repeat(200)}</body></html>`,
  'js/app.0123abcd.js': `console.log(${JSON.stringify('守护'.repeat(2000))});`,
  'chunk/306.deadbeef.js': `export const x = ${JSON.stringify('x'.repeat(5000))};`,
  'css/app.89abcdef.css': `.page{color:#333}`.repeat(300),
  'js/app.0123abcd.js.LICENSE.txt': '/*! MIT */',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the H5 build as the server sends it', () => {
  let root: string;
  let sut: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'shouhu-h5-'));
    for (const [name, content] of Object.entries(BUILD)) {
      const path = join(root, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      if (!name.endsWith('.txt')) {
        writeFileSync(`${path}.br`, brotliCompressSync(content));
        writeFileSync(`${path}.gz`, gzipSync(content));
      }
    }
    sut = Fastify();
    await sut.register(fastifyStatic, h5StaticOptions(root));
  });

  afterAll(async () => {
    await sut.close();
    rmSync(root, { recursive: true, force: true });
  });

  const served = () =>
    files(root)
      .map((path) => relative(root, path))
      .filter((name) => !/\.(br|gz)$/.test(name));

  it('finds every file of the build', () => {
    expect(served().sort()).toEqual(Object.keys(BUILD).sort());
  });

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)(
    'sends every file compressed (%s) when it has a twin, with its cache policy',
    async (encoding, decompress) => {
      for (const name of served()) {
        const response = await sut.inject({
          url: `/${name}`,
          headers: { 'accept-encoding': `${encoding}, deflate` },
        });

        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe(h5CacheControl(name));
        if (name.endsWith('.txt')) continue;
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(decompress(response.rawPayload).toString()).toBe(BUILD[name]);
      }
    },
  );

  it('sends index.html at / as never kept unchecked, and scripts as kept for a year', async () => {
    const home = await sut.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    const script = await sut.inject({ url: '/js/app.0123abcd.js' });

    expect(home.headers['content-encoding']).toBe('br');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(home.rawPayload).toString()).toBe(BUILD['index.html']);
    expect(script.headers['content-encoding']).toBeUndefined();
    expect(script.headers['cache-control']).toBe(YEAR);
    expect(script.body).toBe(BUILD['js/app.0123abcd.js']);
  });
});
