import { parseArgs } from 'node:util';
import { SystemClock } from '../common/clock';
import { runDatabaseCommand } from '../database/database-command';
import { DEFAULT_RESEAL_BATCH, ResealError, keyResealer } from './key-resealer';

/**
 * `npm run keys:reseal [-- --batch-size=N]`: re-seals everything not under the current
 * DATA_ENCRYPTION_KEY, with the server's own configuration, while the server runs. Exit code 0
 * when done, 2 on error (a value under a key that is not configured is named).
 */
const { values } = parseArgs({ options: { 'batch-size': { type: 'string' } } });
const batchSize = Number(values['batch-size'] ?? DEFAULT_RESEAL_BATCH);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
  console.error('--batch-size 应为 1 到 100000 之间的整数');
  process.exit(2);
}
runDatabaseCommand(
  process.env,
  async (dataSource, config) => {
    await keyResealer(dataSource, config, new SystemClock()).run({
      batchSize,
      log: (line) => console.log(line),
    });
    return 0;
  },
  [ResealError],
);
