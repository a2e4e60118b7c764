import { HttpStatus, Injectable } from '@nestjs/common';
import type { HealthResponse } from '@shouhu/shared';
import { ApiException } from '../common/api-exception';
import { DatabaseHealth } from '../database/database-health';

@Injectable()
export class HealthService {
  constructor(private readonly database: DatabaseHealth) {}

  async check(): Promise<HealthResponse> {
    if (await this.database.isReachable()) {
      return { status: 'ok', database: 'up', driver: this.database.driver };
    }
    throw new ApiException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'SERVICE_UNAVAILABLE',
      '数据库暂时无法连接',
    );
  }
}
