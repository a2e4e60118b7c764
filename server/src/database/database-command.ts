import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ConfigError, loadConfig } from '../config/load-config';
import { dataSourceOptions } from './data-source-options';

/** An error whose message says all an operator needs: printed without a stack trace. */
type PlainError = new (...args: never[]) => Error;

/**
 * Runs an `npm run …` command of the server (audit:verify, keys:reseal, retention:purge) on the
 * database of the server's own configuration (`env`, handed over by the entry point), without
 * migrating it, and exits with the code `work` returns; 2 on any error (a `ConfigError` or one of
 * `plainErrors`: its message only).
 */
export function runDatabaseCommand(
  env: NodeJS.ProcessEnv,
  work: (dataSource: DataSource, config: AppConfig) => Promise<number>,
  plainErrors: PlainError[] = [],
): void {
  const run = async (): Promise<number> => {
    const config = loadConfig(env);
    const dataSource = new DataSource({
      ...(await dataSourceOptions(config.database)),
      migrationsRun: false,
    });
    await dataSource.initialize();
    try {
      return await work(dataSource, config);
    } finally {
      await dataSource.destroy();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const plain = [ConfigError, ...plainErrors].some((type) => error instanceof type);
      console.error(plain ? (error as Error).message : error);
      process.exit(2);
    },
  );
}
