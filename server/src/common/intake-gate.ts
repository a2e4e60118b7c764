import { HttpStatus } from '@nestjs/common';
import { API_PREFIX } from '@shouhu/shared';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api-exception';
import type { DatabaseConfig } from '../config/app-config';

const INTAKE_ROUTE = `${API_PREFIX}/reports`;

/**
 * How many intakes may be in the server at once: one at work on each pooled connection and one
 * waiting in the pool's queue for each place there. Each holds at most one connection at a time,
 * so admitted intakes never overflow the pool's queue themselves; null (SQLite: one writer, no
 * pool) admits every one.
 */
export function intakeCapacity(database: DatabaseConfig): number | null {
  return database.driver === 'mysql' ? database.poolSize + database.queueLimit : null;
}

/**
 * Sheds `POST /reports` beyond `capacity` intakes in flight with a 503 as the request arrives,
 * before its caller is read or anything is stored: under overload a phone hears at once to retry
 * (with the same Idempotency-Key) instead of waiting for a connection it would not get, and the
 * intakes already admitted keep their pace.
 */
export function gateIntake(fastify: FastifyInstance, capacity: number | null): void {
  if (capacity === null) return;
  let inFlight = 0;
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== INTAKE_ROUTE) return;
    if (inFlight >= capacity) {
      throw new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SERVICE_UNAVAILABLE',
        '系统繁忙，请稍后重试',
      );
    }
    inFlight++;
    // Whether answered or abandoned by the client, the intake has left.
    reply.raw.once('close', () => inFlight--);
  });
}
