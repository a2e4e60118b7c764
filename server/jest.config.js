/**
 * NestJS 12 ships ESM only; jest runs CommonJS, so those packages (and the few ESM packages they
 * pull in) are compiled by swc along with our sources.
 */
const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'uid',
  'load-esm',
  'token-types',
  'strtok3',
  'peek-readable',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'content-disposition',
  // The OpenAPI validator of the API docs test.
  '@seriousme',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'mariadb',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/mariadb.global-setup.ts',
    },
    {
      ...common,
      displayName: 'sqlite',
      testMatch: [
        '<rootDir>/test/intake/**/*.int-spec.ts',
        // Audit rows queued until commit, on the single connection transactions take turns on.
        '<rootDir>/test/audit/audit-append.int-spec.ts',
        '<rootDir>/test/health/**/*.int-spec.ts',
        // The files' scope read in two parts (a UNION of ordered, limited subqueries), filters (a
        // JSON array by LIKE) and grouped counts.
        '<rootDir>/test/child-files/**/*.int-spec.ts',
        // 控辍保学: the file lock, the figures' grouped and ordered reads, the check's INSERT IGNORE.
        '<rootDir>/test/dropouts/**/*.int-spec.ts',
        '<rootDir>/test/stats/**/*.int-spec.ts',
        // Raw SQL of the staff lists and the board, as the embedded database of `npm start` runs it.
        '<rootDir>/test/orders/staff-views.int-spec.ts',
        '<rootDir>/test/orders/order-lists.int-spec.ts',
        // The low-rating flag's UPDATE with its correlated subquery, in each road's transaction.
        '<rootDir>/test/orders/low-rating-queue.int-spec.ts',
        // The kept order counts' upserts (ON CONFLICT) at commit, and the totals summed from them.
        '<rootDir>/test/orders/order-counts.int-spec.ts',
        // The kept clock counts' months and minutes in SQLite's own date and integer arithmetic.
        '<rootDir>/test/orders/clock-counts.int-spec.ts',
        // A handoff's dispatch, report lock and child-file line in one transaction; the handover's joins.
        '<rootDir>/test/orders/handoffs.int-spec.ts',
        // The join that finds a unit's subscribed handlers, inside the intake's transaction.
        '<rootDir>/test/notifications/new-order-messages.int-spec.ts',
        // The inbox: messages written in the intake's, the actions' and the sweep's transactions; its pages.
        '<rootDir>/test/inbox/order-messages.int-spec.ts',
        '<rootDir>/test/inbox/inbox-routes.int-spec.ts',
        // The SMS outbox in the intake's, the sweep's and the milestones' transactions.
        '<rootDir>/test/sms/sms.int-spec.ts',
        // Generated malformed requests on every write route, against the other driver's errors.
        '<rootDir>/test/input/hostile-input.int-spec.ts',
        // The retention purge's per-report transactions and its scan of every table.
        '<rootDir>/test/retention/**/*.int-spec.ts',
        // Quota sums, conditional attach and expiry deletes as the embedded database runs them.
        '<rootDir>/test/reports/uploads*.int-spec.ts',
        // Visits, the plan's dues and the due list's prefix scan in the visit's transaction.
        '<rootDir>/test/visits/**/*.int-spec.ts',
        // A second `npm start` on the same SQLite file, as the demo data is usually run.
        '<rootDir>/test/demo/**/*.int-spec.ts',
        // The visit sweep's scans, INSERT OR IGNORE planning and the next-visit UPDATE subquery.
        '<rootDir>/test/visits/visit-clock.int-spec.ts',
        // The sweep's batched writes: one CASE update for many orders or dues, multi-row inserts.
        '<rootDir>/test/sla/sweep-statements.int-spec.ts',
        // The empty sweep tick's reads, each searched through an index in the embedded database too.
        '<rootDir>/test/sla/empty-tick.int-spec.ts',
        '<rootDir>/test/database/insert-rows.int-spec.ts',
        '<rootDir>/test/database/select-rows.int-spec.ts',
        // Writes held to the commit: on the embedded database they go at once, with the same outcome.
        '<rootDir>/test/database/write-behind.int-spec.ts',
        // The register's LIKE search with its own escape, batched import inserts and the join to users.
        '<rootDir>/test/institutions/**/*.int-spec.ts',
        // The 台账's keyset pages (dates as the embedded database compares them) and its streamed workbook.
        '<rootDir>/test/ledger/**/*.int-spec.ts',
      ],
      setupFiles: ['<rootDir>/test/setup/sqlite.setup.ts'],
    },
  ],
};
