import type { Duplex } from 'node:stream';
import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';
import type { Logger } from '../logging/logger';
import { newRequestId } from '../logging/request-id';
import { logRequest } from '../logging/request-log';
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

/** Fastify's `clientErrorHandler`: such a request is answered under an id of its own, and logged. */
export function clientErrorHandler(logger: Logger) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const requestId = newRequestId();
    const answered = answerClientError(error, socket, requestId);
    if (!answered) return;
    logRequest(logger, {
      requestId,
      method: null,
      route: null,
      status: answered.status,
      durationMs: null,
      userId: null,
      code: answered.code,
    });
  };
}
