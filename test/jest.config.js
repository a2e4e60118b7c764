/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The bench's own arithmetic (bench/*.spec.ts) runs with the e2e tests; the bench itself does not.
  testMatch: ['<rootDir>/**/*.e2e-spec.ts', '<rootDir>/bench/**/*.spec.ts'],
  transform: { '^.+\\.(ts|mjs)$': ['@swc/jest'] },
  testTimeout: 120_000,
};
