import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * CSP hashes (`'sha256-…'`) of the inline scripts of the H5 build's `index.html` — the first
 * screen's shell and Taro's bootstrap (README, The first screen on a slow network) — so the policy
 * allows exactly those and no other inline script, with no nonce to rewrite into the file.
 * Read once at boot: a new build means a restart anyway.
 */
export function inlineScriptHashes(h5Directory: string): string[] {
  const html = readFileSync(join(h5Directory, 'index.html'), 'utf8');
  return [...html.matchAll(INLINE_SCRIPT)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`,
  );
}
