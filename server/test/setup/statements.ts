import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Every statement the app's database connections send while `work` runs, one entry each even
 * where several went in one query (writes held to the next statement, `WriteBehind`, are joined
 * by `;\n`). Each query runner is
 * wrapped once and given back its own `query` afterwards: SQLite's driver hands out the same
 * runner every time, which wrapped again per transaction would count each statement as often.
 */
export async function statementsOf<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<{ statements: string[]; result: T }> {
  const statements: string[] = [];
  const wrapped = new Map<QueryRunner, QueryRunner['query']>();
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args) => {
    const runner = create(...args);
    if (wrapped.has(runner)) return runner;
    const query = runner.query;
    wrapped.set(runner, query);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(...sql.split(';\n'));
      return (query as (...a: unknown[]) => unknown).call(runner, sql, ...rest);
    }) as typeof runner.query;
    return runner;
  };
  try {
    return { statements, result: await work() };
  } finally {
    dataSource.createQueryRunner = create;
    for (const [runner, query] of wrapped) runner.query = query;
  }
}
