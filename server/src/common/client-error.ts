import type { Duplex } from 'node:stream';
import type { ApiErrorBody } from '@shouhu/shared';

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
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser cannot read (a broken request line,
 * headers over the limit, a timeout) never reaches Fastify or Nest, so it is answered here, in
 * api.md's error shape, and the connection closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason, body } = ANSWERS[error.code ?? ''] ?? UNREADABLE;
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n${HEADERS}Connection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
