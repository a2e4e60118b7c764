import 'reflect-metadata';
import { createApp } from './app.factory';
import type { AppConfig } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { createLogger } from './logging/logger';

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // LOG_LEVEL may be among the bad variables: a refusal to start is written whatever it says.
    createLogger('info').fatal({ problems: error.problems }, error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  try {
    const app = await createApp(config, { logger });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    logger.fatal({ err: error }, '守护 Shouhu 未能启动');
    process.exit(1);
  }
  const url = `http://localhost:${config.port}/`;
  logger.info(
    {
      url,
      api: `${url}api/v1`,
      apiDocs: config.apiDocs ? `${url}api/docs` : null,
      database:
        config.database.driver === 'mysql' ? 'MariaDB/MySQL' : `SQLite（${config.database.path}）`,
      h5: config.h5Directory !== null,
    },
    config.h5Directory
      ? `守护 Shouhu 已启动：${url}`
      : `守护 Shouhu 已启动：${url}（未找到 H5 构建，只提供接口；先运行 npm run build）`,
  );
}

void main();
