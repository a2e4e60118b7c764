/** Pure logic runs in node; component tests (`*.spec.tsx`) ask for jsdom in their docblock. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  moduleNameMapper: {
    // The real H5 components, rendered as custom elements in jsdom.
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '\\.(css|scss)$': '<rootDir>/test/style-mock.js',
  },
  transform: {
    '^.+\\.(t|j|mj)sx?$': swc,
  },
  // Taro's components and NutUI ship ES modules only.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm|@tarojs|@nutui|@stencil|tslib|classnames|swiper)/)',
  ],
};
