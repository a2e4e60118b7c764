import { METHODS, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';
import type { Logger } from '../logging/logger';
import { newRequestId } from '../logging/request-id';
import { inLogMs, logRequest } from '../logging/request-log';
import type { ErrorAnswerBody } from './error-response';

const ANSWERS: Record<string, { status: number; reason: string; body: ApiErrorBody }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    body: { code: 'PAYLOAD_TOO_LARGE', message: '请求头太大，请删减后再试' },
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    body: { code: 'VALIDATION_FAILED', message: '请求发送超时，请重试' },
  },
};

const UNREADABLE = {
  status: 400,
  reason: 'Bad Request',
  body: { code: 'VALIDATION_FAILED', message: '请求格式不正确' } satisfies ApiErrorBody,
};

/** What every answer carries (`edge-headers.ts`), for these few written by hand. */
const HEADERS =
  'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n' +
  "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";

/**
 * A request Node's HTTP parser cannot read (a broken request line, headers over the limit, a
 * timeout) never reaches Fastify or Nest, so it is answered here, in api.md's error shape with
 * `requestId`, and the connection closed. Returns what was answered, for the request's log line,
 * or null when the client had gone.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  requestId: string,
): { status: number; code: ErrorCode } | null {
  if (error.code === 'ECONNRESET' || socket.destroyed) return null;
  const { status, reason, body } = ANSWERS[error.code ?? ''] ?? UNREADABLE;
  const answer: ErrorAnswerBody = { ...body, requestId };
  const json = JSON.stringify(answer);
  const written = socket.writable;
  if (written) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n${HEADERS}X-Request-Id: ${requestId}\r\n` +
        `Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
  return written ? { status, code: body.code } : null;
}

/**
 * When each connection's current request can have begun, for the line of a request Node could not
 * read: Node says nothing of it, so the connection's opening, or the end of its previous answer.
 */
const waitingSince = new WeakMap<Duplex, number>();

/** Keeps `waitingSince` for every connection of `server`. */
export function watchRequestStarts(server: Server): void {
  server.on('connection', (socket: Duplex) => waitingSince.set(socket, performance.now()));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    response.once('finish', () => waitingSince.set(request.socket, performance.now()));
  });
}

/**
 * The method of a request Node could not read, when the bytes it last read (`rawPacket`) open with
 * one: a request sent in one piece. Only a name from Node's own list, never what the client wrote.
 */
export function methodOf(rawPacket: unknown): string | null {
  if (!Buffer.isBuffer(rawPacket)) return null;
  const first = /^([A-Z-]{1,20}) /.exec(rawPacket.subarray(0, 21).toString('latin1'))?.[1];
  return first !== undefined && METHODS.includes(first) ? first : null;
}

/** Fastify's `clientErrorHandler`: such a request is answered under an id of its own, and logged. */
export function clientErrorHandler(logger: Logger) {
  return (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex): void => {
    const requestId = newRequestId();
    const since = waitingSince.get(socket);
    const answered = answerClientError(error, socket, requestId);
    if (!answered) return;
    logRequest(logger, {
      requestId,
      method: methodOf(error.rawPacket),
      route: null,
      status: answered.status,
      durationMs: since === undefined ? null : inLogMs(performance.now() - since),
      userId: null,
      code: answered.code,
    });
  };
}
