import { parseArgs } from 'node:util';
import { SystemClock } from '../common/clock';
import { runDatabaseCommand } from '../database/database-command';
import { retentionPurger } from './retention-purger';

/**
 * `npm run retention:purge [-- --dry-run]`: removes the personal details of reports closed more
 * than RETENTION_DAYS ago, with the server's own configuration, while the server runs. Exit code
 * 0 when done, 2 on error.
 */
const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
runDatabaseCommand(process.env, async (dataSource, config) => {
  await retentionPurger(dataSource, config, new SystemClock()).run({
    dryRun: values['dry-run'] ?? false,
    log: (line) => console.log(line),
  });
  return 0;
});
