import { HttpStatus } from '@nestjs/common';
import { API_PREFIX } from '@shouhu/shared';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api-exception';
import type { DatabaseConfig } from '../config/app-config';

const INTAKE_ROUTE = `${API_PREFIX}/reports`;

/**
 * How many intakes the server holds at once (`admitted`: at work or waiting their turn) and how
 * many of those are at work together (`atWork`).
 *
 * Admitted: one at work on each pooled connection and one waiting in the pool's queue for each
 * place there. Each holds at most one connection at a time, so admitted intakes never overflow
 * the pool's queue themselves.
 *
 * At work: an intake is CPU on two cores (validation, sealing, twenty statements through one
 * event loop) far more than it is waiting on the database, so forty at once only interleave: each
 * takes forty times as long, and every one of them waits its turn on the audit chain's head. A
 * few at work and the rest waiting in arrival order finish the first ones first, at the same rate.
 *
 * null (SQLite: one writer, no pool) admits every one.
 */
export function intakeLimits(
  database: DatabaseConfig,
  maxAtWork: number,
): { admitted: number; atWork: number } | null {
  if (database.driver !== 'mysql') return null;
  const admitted = database.poolSize + database.queueLimit;
  return { admitted, atWork: Math.min(maxAtWork, admitted) };
}

/** One intake's place in the gate: waiting for its turn, at work, or gone. */
interface Ticket {
  state: 'waiting' | 'at-work' | 'gone';
  /** Settles true when the intake may start, false when it left before its turn. */
  turn: Promise<boolean>;
  settle(started: boolean): void;
}

/**
 * Admission for intakes: up to `atWork` at work, the next ones up to `admitted` in all waiting in
 * the order they came, the rest refused at once. Pure bookkeeping; `gateIntake` puts it on the
 * HTTP server.
 */
export class IntakeGate {
  private atWork = 0;
  private readonly waiting: Ticket[] = [];

  constructor(private readonly limits: { admitted: number; atWork: number }) {}

  /** A ticket whose `turn` settles when the intake may start, or null when it is refused. */
  enter(): Ticket | null {
    if (this.atWork + this.waiting.length >= this.limits.admitted) return null;
    const ticket = newTicket();
    if (this.atWork < this.limits.atWork) {
      this.atWork++;
      ticket.state = 'at-work';
      ticket.settle(true);
    } else {
      this.waiting.push(ticket);
    }
    return ticket;
  }

  /** The intake has left (answered, or abandoned by its caller at work or while waiting). */
  leave(ticket: Ticket): void {
    if (ticket.state === 'waiting') {
      this.waiting.splice(this.waiting.indexOf(ticket), 1);
      ticket.settle(false);
    } else if (ticket.state === 'at-work') {
      this.atWork--;
      const next = this.waiting.shift();
      if (next) {
        this.atWork++;
        next.state = 'at-work';
        next.settle(true);
      }
    }
    ticket.state = 'gone';
  }

  get counts(): { atWork: number; waiting: number } {
    return { atWork: this.atWork, waiting: this.waiting.length };
  }
}

function newTicket(): Ticket {
  let settle!: (started: boolean) => void;
  const turn = new Promise<boolean>((resolve) => (settle = resolve));
  return { state: 'waiting', turn, settle };
}

const busy = () =>
  new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', '系统繁忙，请稍后重试');

/**
 * Sheds `POST /reports` beyond the gate's admitted intakes with a 503 as the request arrives,
 * before its caller is read or anything is stored: under overload a phone hears at once to retry
 * (with the same Idempotency-Key) instead of waiting for a connection it would not get, and the
 * intakes already admitted keep their pace. An admitted intake waits here for its turn at work.
 */
export function gateIntake(
  fastify: FastifyInstance,
  limits: { admitted: number; atWork: number } | null,
): void {
  if (limits === null) return;
  const gate = new IntakeGate(limits);
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== INTAKE_ROUTE) return;
    const ticket = gate.enter();
    if (!ticket) throw busy();
    // Whether answered or abandoned by the client, the intake has left.
    reply.raw.once('close', () => gate.leave(ticket));
    // Its caller went away while it waited: nothing of it ran, and the answer reaches no one.
    if (!(await ticket.turn)) throw busy();
  });
}
