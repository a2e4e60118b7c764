import { ApiException } from '../common/api-exception';

/**
 * 404 for an order that does not exist and for one outside the caller's scope alike, so that a
 * caller cannot learn which orders exist (api.md, Errors).
 */
export function orderNotFound(): ApiException {
  return ApiException.notFound('没有找到这个工单');
}
