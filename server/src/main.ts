import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/load-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}/`;
  const database =
    config.database.driver === 'mysql' ? 'MariaDB/MySQL' : `SQLite（${config.database.path}）`;
  console.log(`\n守护 Shouhu 已启动：${url}`);
  const docs = config.apiDocs ? `${url}api/docs` : '未开放（API_DOCS）';
  console.log(`  接口：${url}api/v1   接口文档：${docs}   数据库：${database}`);
  if (!config.h5Directory) console.log('  （未找到 H5 构建，只提供接口；先运行 npm run build）');
}

void main();
