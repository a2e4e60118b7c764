// After `npm install`: can every installed package run on the oldest Node README names?
//
// npm only warns (EBADENGINE) when a package's `engines.node` excludes the running Node, and only
// for the Node it runs on. README and package.json promise Node ≥ 20.19; a dependency that asks for
// Node 22 may work today and break on the next patch of it, so none may exclude 20.19.
//
// Usage: node .ci/check-engines.mjs [lockfile]   (default: package-lock.json next to package.json)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const lockPath = path.resolve(process.argv[2] ?? 'package-lock.json');
const root = path.dirname(lockPath);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const promised = readJson(path.join(root, 'package.json')).engines?.node;
const oldest = promised && semver.minVersion(promised);
if (!oldest) {
  console.error('package.json names no engines.node: there is no Node version to check against');
  process.exit(2);
}

const problems = [];
let checked = 0;
for (const key of Object.keys(readJson(lockPath).packages ?? {})) {
  const manifest = path.join(root, key, 'package.json');
  if (key === '' || !existsSync(manifest)) continue;
  checked += 1;
  const { name, version, engines } = readJson(manifest);
  const wanted = engines?.node;
  if (wanted && !semver.satisfies(oldest, wanted)) {
    problems.push(`${key} (${name}@${version}) wants Node ${wanted}`);
  }
}

if (problems.length > 0) {
  console.error(`installed packages that exclude Node ${oldest} (package.json: ${promised}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(
    'Pin an older release or add an override in package.json (see README, Node versions).',
  );
  process.exit(1);
}
console.log(`engines hold: all ${checked} installed packages accept Node ${oldest}`);
