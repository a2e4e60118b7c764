import { ERROR_CODES } from '@shouhu/shared';
import { SAFE_REQUEST_ID } from '../../src/logging/request-id';
import type { HttpResponse } from './http';

export const CHINESE = /[\u4e00-\u9fff]/;

type ErrorBody = {
  code?: string;
  message?: string;
  errors?: Record<string, string>;
  requestId?: string;
};

/**
 * Why an answer is not api.md's error shape (`{code, message[, errors], requestId}`, our code,
 * Chinese, the id of the X-Request-Id header when it has one), or null.
 */
export function shapeProblem(answer: HttpResponse<unknown>): string | null {
  if (answer.status < 400) return null;
  const body = answer.body as ErrorBody | undefined;
  if (!body || typeof body !== 'object') return 'no JSON body';
  const keys = Object.keys(body).sort();
  const allowed = ['code', 'errors', 'message', 'requestId'];
  if (keys.some((key) => !allowed.includes(key)) || !keys.includes('code')) {
    return `keys ${keys.join(',')}`;
  }
  if (typeof body.requestId !== 'string' || !SAFE_REQUEST_ID.test(body.requestId)) {
    return `requestId ${body.requestId}`;
  }
  const header = answer.headers.get('x-request-id');
  if (header !== null && header !== body.requestId) {
    return `requestId ${body.requestId} but X-Request-Id ${header}`;
  }
  if (!ERROR_CODES.includes(body.code as never)) return `code ${body.code}`;
  if (!CHINESE.test(body.message ?? '')) return `message ${body.message}`;
  // A 409 CHILD_FILE_EXISTS names the existing file (`errors.fileId`), an id rather than a reason.
  const reasons = Object.entries(body.errors ?? {})
    .filter(([key]) => !(body.code === 'CHILD_FILE_EXISTS' && key === 'fileId'))
    .map(([, reason]) => reason);
  const english = reasons.filter((m) => !CHINESE.test(m));
  return english.length > 0 ? `errors ${english.join('; ')}` : null;
}
