import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

export type { Logger } from 'pino';

/** Nest's token for the server's one logger (`LoggingModule`). */
export const LOGGER = Symbol('LOGGER');

/** What a log line keeps of an error. */
export interface ErrorFields {
  type: string;
  code?: string;
  message: string;
  stack?: string;
}

/**
 * The value MariaDB quotes in a message about it: `Duplicate entry 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'
 * for key 'users.IDX_openid'` (an openid, a tracking code, an invitation code), `Incorrect string
 * value: '\xF0\x9F…' for column …`, `Truncated incorrect DOUBLE value: '…'`.
 */
const QUOTED_VALUE = /\b(entry|value:?) '[\s\S]*?'(?= for |$)/gm;

function withoutValues(text: string): string {
  return text.replace(QUOTED_VALUE, "$1 '…'");
}

/**
 * Only these fields, never the rest of the error: TypeORM's QueryFailedError carries the failed
 * statement's parameters (a reporter's phone, a child's name), and pino's own serializer would copy
 * every field. A value a database message quotes is blanked in the message and the stack.
 */
export function errorFields(error: unknown): ErrorFields {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: withoutValues(String(error)) };
  }
  // Duck-typed: an error from another realm (a worker, a VM context) is no `instanceof Error`.
  const { code, message, stack } = error as Record<string, unknown>;
  return {
    type: error.constructor?.name ?? 'Object',
    ...(typeof code === 'string' ? { code } : {}),
    message:
      typeof message === 'string'
        ? withoutValues(message)
        : `(no message; fields ${Object.keys(error).join(', ')})`,
    ...(typeof stack === 'string' ? { stack: withoutValues(stack) } : {}),
  };
}

/**
 * Fastify logs a request as `req` on its own few lines (a failed `writeHead`); its serializer
 * would add the raw URL, whose path and query may hold a tracking code or personal data.
 */
function requestFields(request: FastifyRequest): { method: string; route: string | null } {
  return { method: request.method, route: request.routeOptions?.url ?? null };
}

/**
 * Removed wherever a library puts them, one level deep: @fastify/multipart logs its busboy options
 * at `trace`, the request's headers (the token) among them.
 */
const NEVER_LOGGED = ['headers', 'body', 'query'].flatMap((key) => [key, `*.${key}`]);

/**
 * The server's one logger: a JSON line per event on `destination` (stdout unless a test captures
 * it), with the level by name and the time in ISO 8601 (README, Logs). Written synchronously, so
 * a line logged is a line kept when the process dies right after.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: errorFields, req: requestFields },
      redact: { paths: NEVER_LOGGED, remove: true },
    },
    destination,
  );
}
