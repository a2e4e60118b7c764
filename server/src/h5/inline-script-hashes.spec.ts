import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineScriptHashes } from './inline-script-hashes';

const hashOf = (script: string) =>
  `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

describe(inlineScriptHashes.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'h5-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes each inline script exactly as written, and no script loaded from a file', () => {
    const shell = "\n      var shell = document.getElementById('boot-shell');\n    ";
    const bootstrap = '<!-- 守护 -->window.x=1';
    writeFileSync(
      join(dir, 'index.html'),
      `<html><head><script>${bootstrap}</script><script src="js/app.1a2b3c4d.js"></script>` +
        `</head><body><script type="text/javascript">${shell}</script></body></html>`,
    );

    expect(inlineScriptHashes(dir)).toEqual([hashOf(bootstrap), hashOf(shell)]);
  });
});
