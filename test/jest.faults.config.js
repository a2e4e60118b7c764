/**
 * The fault tests of issue 12 (`npm run test:faults`; `FAULTS_SCALE=ci` inside `npm test`). Each
 * file spawns real servers and databases and measures time, so they run one at a time.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/faults/**/*.fault-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 600_000,
  maxWorkers: 1,
};
