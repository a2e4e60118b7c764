import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { SystemClock } from '../common/clock';
import { ConfigError, loadConfig } from '../config/load-config';
import { dataSourceOptions } from '../database/data-source-options';
import { retentionPurger } from './retention-purger';

/**
 * `npm run retention:purge [-- --dry-run]`: removes the personal details of reports closed more
 * than RETENTION_DAYS ago, with the server's own configuration, while the server runs. Exit code
 * 0 when done, 2 on error.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
  const config = loadConfig(process.env);
  const dataSource = new DataSource({
    ...(await dataSourceOptions(config.database)),
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    await retentionPurger(dataSource, config, new SystemClock()).run({
      dryRun: values['dry-run'] ?? false,
      log: (line) => console.log(line),
    });
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  },
);
