import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { SystemClock } from '../common/clock';
import { ConfigError, loadConfig } from '../config/load-config';
import { dataSourceOptions } from '../database/data-source-options';
import { DEFAULT_RESEAL_BATCH, ResealError, keyResealer } from './key-resealer';

/**
 * `npm run keys:reseal [-- --batch-size=N]`: re-seals everything not under the current
 * DATA_ENCRYPTION_KEY, with the server's own configuration, while the server runs. Exit code 0
 * when done, 2 on error (a value under a key that is not configured is named).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'batch-size': { type: 'string' } } });
  const batchSize = Number(values['batch-size'] ?? DEFAULT_RESEAL_BATCH);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    console.error('--batch-size 应为 1 到 100000 之间的整数');
    return 2;
  }
  const config = loadConfig(process.env);
  const dataSource = new DataSource({
    ...(await dataSourceOptions(config.database)),
    migrationsRun: false,
  });
  await dataSource.initialize();
  try {
    await keyResealer(dataSource, config, new SystemClock()).run({
      batchSize,
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
    console.error(
      error instanceof ConfigError || error instanceof ResealError ? error.message : error,
    );
    process.exit(2);
  },
);
