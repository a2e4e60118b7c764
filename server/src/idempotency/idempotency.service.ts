import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { isUniqueViolation } from '../database/database-errors';
import { TransactionRunner } from '../database/transaction-runner';
import type { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyRepository } from './idempotency.repository';
import { requestHash } from './request-hash';
import { scopedKey } from './scoped-key';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export interface StoredResponse<T> {
  status: HttpStatus;
  body: T;
  replayed: boolean;
}

/** A unit of work that fails this many times on unique keys other than the idempotency key gives up. */
const MAX_ATTEMPTS = 3;

/**
 * Runs a write at most once per Idempotency-Key: the key, the write and the stored answer commit
 * together, so a retry after a timeout gets the first answer and never a second record.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  static assertKey(key: string | undefined): string {
    if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw ApiException.validation(
        {
          'Idempotency-Key':
            '请求头需要 Idempotency-Key（8到128位字母、数字、- 或 _，建议用 UUID）',
        },
        '缺少或无效的 Idempotency-Key',
      );
    }
    return key;
  }

  async once<T extends object>(
    key: string,
    userId: string,
    body: unknown,
    status: HttpStatus,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<StoredResponse<T>> {
    const hash = requestHash(userId, body);
    key = scopedKey(userId, key);
    for (let attempt = 1; ; attempt++) {
      // A first attempt claims the key without looking: a new key is the common case, and a used
      // one fails the claim on its unique index, which the next attempt's look explains.
      if (attempt > 1) {
        const previous = await this.keys.find(key);
        if (previous) return this.replay<T>(previous, hash);
      }
      try {
        const result = await this.transactions.run(async (manager) => {
          await this.keys.claim(manager, {
            key,
            userId,
            requestHash: hash,
            createdAt: this.clock.now(),
          });
          const created = await work(manager);
          await this.keys.complete(manager, key, status, created);
          return created;
        });
        return { status, body: result, replayed: false };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private replay<T extends object>(
    previous: IdempotencyKeyEntity,
    hash: string,
  ): StoredResponse<T> {
    if (previous.responseStatus === null) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_CONFLICT',
        '上一次提交仍在处理中，请稍后重试',
      );
    }
    if (previous.requestHash !== hash) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_CONFLICT',
        '这个 Idempotency-Key 已用于另一份内容不同的提交；新的提交请使用新的 Idempotency-Key',
      );
    }
    return { status: previous.responseStatus, body: previous.responseBody as T, replayed: true };
  }
}
