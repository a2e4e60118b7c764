import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  get driver(): 'mysql' | 'better-sqlite3' {
    return this.dataSource.options.type === 'better-sqlite3' ? 'better-sqlite3' : 'mysql';
  }

  async isReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const ping = this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
