import type { ErrorCode } from '@shouhu/shared';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { errorFields, type ErrorFields, type Logger } from './logger';

/**
 * A request's one log line (README, Logs). Only these fields: never the URL as sent (its path and
 * query may hold a tracking code or personal data), a header, a body or a token.
 */
export interface RequestLine {
  requestId: string;
  /**
   * null for a request Node could not read whose bytes do not open with a method's name
   * (`client-error.ts`).
   */
  method: string | null;
  /**
   * The route's pattern (`/api/v1/orders/:id`); null when no route matched, or Node could not read
   * the request.
   */
  route: string | null;
  status: number;
  /**
   * Milliseconds from taking the request to the answer's last byte. For a request Node could not
   * read, from its connection's opening or previous answer (`client-error.ts`); null when unknown.
   */
  durationMs: number | null;
  /**
   * The user the request is from (`noteCaller`): its login token's, or the one a login logged in;
   * null without a token whose signature and expiry hold.
   */
  userId: string | null;
  /** The error code of an error answer (api.md). */
  code?: ErrorCode;
  /** What went wrong on our side, for a 5xx (`errorFields`). */
  err?: ErrorFields;
}

const failures = new WeakMap<FastifyRequest, { code: ErrorCode; error: unknown }>();
const callers = new WeakMap<FastifyRequest, string>();

/** Tells the request's line which error it was answered with. */
export function noteFailure(request: FastifyRequest, code: ErrorCode, error: unknown): void {
  failures.set(request, { code, error });
}

/**
 * Tells the request's line whose it is. Noted as the request arrives from its token's signature and
 * expiry, with no database read, so the line names the user even when the request is refused before
 * the access guard has looked the user up (415, broken JSON, a body too slow); a login notes the
 * user it logged in.
 */
export function noteCaller(request: FastifyRequest, userId: string): void {
  callers.set(request, userId);
}

/** A duration as a log line gives it: milliseconds to a tenth. */
export function inLogMs(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}

/** Database down or overloaded is expected weather, not a fault of ours: `warn`, not `error`. */
function levelOf(status: number): 'info' | 'warn' | 'error' {
  if (status === 503) return 'warn';
  return status >= 500 ? 'error' : 'info';
}

export function logRequest(logger: Logger, line: RequestLine): void {
  logger[levelOf(line.status)](line, 'request');
}

/** The line of a request Fastify has read, answered with `status` after `durationMs`. */
export function requestLine(
  request: FastifyRequest,
  status: number,
  durationMs: number,
): RequestLine {
  const failure = failures.get(request);
  return {
    requestId: request.id,
    method: request.method,
    route: request.routeOptions.url ?? null,
    status,
    durationMs: inLogMs(durationMs),
    userId: callers.get(request) ?? null,
    ...(failure ? { code: failure.code } : {}),
    ...(failure && status >= 500 ? { err: errorFields(failure.error) } : {}),
  };
}

/**
 * Fastify's per-request log lines, replaced by one line per request written when the answer has
 * gone out. The server's own lines bind the id as `requestId` too.
 */
export class RequestLog extends LogController {
  constructor(private readonly logger: Logger) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = requestLine(request, reply.statusCode, reply.elapsedTime);
    logRequest(this.logger, error ? { ...line, err: errorFields(error) } : line);
  }
}
