// Prints what a phone downloads first: the weapp main package (failing the build above our 1 MB
// budget; WeChat's limit is 2 MB) or the H5 entry scripts of index.html.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEAPP_BUDGET_BYTES = 1024 * 1024;
const dist = (platform) => fileURLToPath(new URL(`../dist/${platform}`, import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

function weapp() {
  const root = dist('weapp');
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? []).map((sub) => `${sub.root}/`);
  const sizes = files(root).map((path) => ({
    path: relative(root, path),
    bytes: statSync(path).size,
  }));
  const sum = (list) => list.reduce((total, file) => total + file.bytes, 0);
  const main = sizes.filter((file) => !subRoots.some((sub) => file.path.startsWith(sub)));
  for (const file of main.sort((a, b) => b.bytes - a.bytes).slice(0, 5)) {
    console.log(`  ${kb(file.bytes).padStart(10)}  ${file.path}`);
  }
  for (const sub of subRoots) {
    console.log(
      `weapp sub-package ${sub}: ${kb(sum(sizes.filter((f) => f.path.startsWith(sub))))}`,
    );
  }
  const total = sum(main);
  console.log(`weapp main package: ${kb(total)} of the ${kb(WEAPP_BUDGET_BYTES)} budget`);
  if (total > WEAPP_BUDGET_BYTES) {
    console.error('the main package is over budget: move staff pages into a sub-package');
    process.exit(1);
  }
}

function h5() {
  const root = dist('h5');
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="\/?([^"]+)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzipped = 0;
  for (const script of scripts) {
    const content = readFileSync(join(root, script));
    raw += content.length;
    gzipped += gzipSync(content).length;
  }
  console.log(`H5 entry JS (${scripts.join(', ')}): ${kb(raw)}, ${kb(gzipped)} gzipped`);
}

const platform = process.argv[2];
if (platform === 'weapp') weapp();
else if (platform === 'h5') h5();
else {
  console.error('usage: node scripts/bundle-size.mjs weapp|h5');
  process.exit(2);
}
