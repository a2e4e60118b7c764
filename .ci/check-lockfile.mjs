// After `npm install`: is every installed package the one the committed lockfile pins?
//
// The registry keeps adding optional platform builds (@swc/core-linux-ppc64-gnu, darwin, win32…),
// and npm writes each new one into package-lock.json even though it installs none of them here.
// A byte comparison of the lockfile therefore fails on any day the registry grows. What matters is
// what npm put on disk: every package the committed lockfile names is installed at the version and
// integrity it pins, and nothing is installed that the committed lockfile does not name.
//
// Usage: node .ci/check-lockfile.mjs <committed lockfile> <lockfile after npm install>
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [committedPath, installedPath] = process.argv.slice(2);
if (!committedPath || !installedPath) {
  console.error('usage: check-lockfile.mjs <committed lockfile> <lockfile after npm install>');
  process.exit(2);
}

const packagesOf = (file) => JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
const committed = packagesOf(committedPath);
const installed = packagesOf(installedPath);
const root = path.dirname(path.resolve(installedPath));
const onDisk = (key) => existsSync(path.join(root, key, 'package.json'));

const problems = [];
for (const [key, pinned] of Object.entries(committed)) {
  if (key === '' || pinned.link) continue;
  const now = installed[key];
  if (!now) {
    if (onDisk(key)) problems.push(`${key}: installed but gone from the new lockfile`);
    continue;
  }
  for (const field of ['version', 'integrity', 'resolved']) {
    if (pinned[field] !== now[field]) {
      problems.push(`${key}: ${field} ${pinned[field] ?? '—'} pinned, ${now[field] ?? '—'} now`);
    }
  }
  if (onDisk(key)) {
    const { version } = JSON.parse(readFileSync(path.join(root, key, 'package.json'), 'utf8'));
    if (version !== pinned.version) {
      problems.push(`${key}: ${pinned.version} pinned, ${version} installed`);
    }
  } else if (!pinned.optional && !pinned.devOptional) {
    problems.push(`${key}: pinned but not installed`);
  }
}
for (const [key, entry] of Object.entries(installed)) {
  if (key === '' || key in committed || entry.link) continue;
  if (!entry.optional && !entry.devOptional) {
    problems.push(`${key}: required by the new lockfile but not pinned by the committed one`);
  } else if (onDisk(key)) {
    problems.push(`${key}: optional build installed here but not pinned by the committed lockfile`);
  }
}

if (problems.length > 0) {
  console.error('npm install did not install what package-lock.json pins:');
  for (const problem of problems) console.error(`  ${problem}`);
  console.error('Run npm install and commit package-lock.json.');
  process.exit(1);
}
const added = Object.keys(installed).filter((key) => key !== '' && !(key in committed)).length;
console.log(
  `lockfile holds: every installed package as pinned` +
    (added > 0
      ? ` (${added} optional builds for other platforms newly listed, not installed)`
      : ''),
);
