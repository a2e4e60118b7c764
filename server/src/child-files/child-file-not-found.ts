import { ApiException } from '../common/api-exception';

/**
 * 404 for a file that does not exist, one outside the caller's scope and a malformed id alike, so
 * that nobody learns which children have a file (api.md, Errors).
 */
export function childFileNotFound(): ApiException {
  return ApiException.notFound('没有找到这个儿童档案');
}
