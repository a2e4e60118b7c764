// Prints what a phone downloads first: the weapp main package (failing the build above our 1 MB
// budget; WeChat's limit is 2 MB) or the H5 entry scripts of index.html. The bench
// (test/bench/section-footprint.mjs) reads the same figures through the exported functions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEAPP_BUDGET_BYTES = 1024 * 1024;
export const dist = (platform) => fileURLToPath(new URL(`../dist/${platform}`, import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

const sum = (list) => list.reduce((total, file) => total + file.bytes, 0);

/** The built weapp (`dist/weapp`): the main package's bytes and files, and each sub-package's bytes. */
export function weappSizes() {
  const root = dist('weapp');
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? []).map((sub) => `${sub.root}/`);
  const sizes = files(root).map((path) => ({
    path: relative(root, path),
    bytes: statSync(path).size,
  }));
  const main = sizes.filter((file) => !subRoots.some((sub) => file.path.startsWith(sub)));
  return {
    mainBytes: sum(main),
    main,
    subPackages: subRoots.map((sub) => ({
      root: sub,
      bytes: sum(sizes.filter((f) => f.path.startsWith(sub))),
    })),
  };
}

/** The built H5 app (`dist/h5`): the scripts index.html loads first, raw and gzipped bytes. */
export function h5Sizes() {
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
  return { scripts, raw, gzipped };
}

function weapp() {
  const { mainBytes, main, subPackages } = weappSizes();
  for (const file of main.sort((a, b) => b.bytes - a.bytes).slice(0, 5)) {
    console.log(`  ${kb(file.bytes).padStart(10)}  ${file.path}`);
  }
  for (const sub of subPackages) console.log(`weapp sub-package ${sub.root}: ${kb(sub.bytes)}`);
  console.log(`weapp main package: ${kb(mainBytes)} of the ${kb(WEAPP_BUDGET_BYTES)} budget`);
  if (mainBytes > WEAPP_BUDGET_BYTES) {
    console.error('the main package is over budget: move staff pages into a sub-package');
    process.exit(1);
  }
}

function h5() {
  const { scripts, raw, gzipped } = h5Sizes();
  console.log(`H5 entry JS (${scripts.join(', ')}): ${kb(raw)}, ${kb(gzipped)} gzipped`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const platform = process.argv[2];
  if (platform === 'weapp') weapp();
  else if (platform === 'h5') h5();
  else {
    console.error('usage: node scripts/bundle-size.mjs weapp|h5');
    process.exit(2);
  }
}
