import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logging/logger';
import { logRequest, requestLine } from '../logging/request-log';
import { answerClientError } from './client-error';

/**
 * A JSON body must have arrived `seconds` after its headers (`BODY_TIMEOUT_SECONDS`). Under
 * Fastify, Node's own request timeout is off, so a body sent a byte every few seconds would hold
 * its connection for ever; it is answered 408 in api.md's shape and the connection closed.
 * Multipart uploads are paced by their own rules (`uploads/upload-pace.ts`). Only `end` and
 * `close` are listened to: a `data` listener here would start the body flowing before the JSON
 * parser is there to read it. Fastify never answers such a request, so its log line is written here.
 */
export function watchBodyDeadline(
  request: FastifyRequest,
  reply: FastifyReply,
  seconds: number,
  logger: Logger,
): void {
  const { headers } = request;
  const hasBody =
    Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  if (!hasBody || request.isMultipart()) return;
  const timer = setTimeout(() => {
    const timeout = Object.assign(new Error('request body too slow'), {
      code: 'ERR_HTTP_REQUEST_TIMEOUT',
    });
    const answered = answerClientError(timeout, request.raw.socket, request.id);
    if (answered) {
      const line = requestLine(request, answered.status, reply.elapsedTime);
      logRequest(logger, { ...line, code: answered.code });
    }
  }, seconds * 1000);
  timer.unref();
  const stop = () => clearTimeout(timer);
  request.raw.once('end', stop);
  request.raw.once('close', stop);
}
