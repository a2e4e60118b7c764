import type { FastifyStaticOptions } from '@fastify/static';

/**
 * Build output whose name carries its content hash (`app.1a2b3c4d.js`, set in
 * miniprogram/config/index.ts), possibly as its precompressed `.br` / `.gz` sibling.
 */
const HASHED_NAME = /\.[0-9a-f]{8}\.(js|css)(\.(br|gz))?$/;

/**
 * How long a phone may keep a file of the H5 build: a hashed file never changes, so for a year
 * without asking; anything else (index.html, which names the hashed files) only after checking
 * it is still current, so a new release reaches phones on their next visit.
 */
export function h5CacheControl(filePath: string): string {
  return HASHED_NAME.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * @fastify/static options for the H5 build in `root`: each file sent as its brotli or gzip twin
 * when the browser accepts one (`npm run build:h5` writes them, miniprogram/scripts/precompress.mjs;
 * on a 750 kbps village network the entry scripts shrink from ~500 KB to ~150 KB), with the cache
 * policy above. Files are listed once at boot (`wildcard: false`), so an unknown path is a 404
 * that never touches the disk.
 */
export function h5StaticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      response.setHeader('cache-control', h5CacheControl(filePath));
    },
  };
}
