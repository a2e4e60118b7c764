import { TEST_DRIVER_ENV } from './test-database';

process.env[TEST_DRIVER_ENV] = 'better-sqlite3';
