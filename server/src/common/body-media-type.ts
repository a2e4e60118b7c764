import { HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api-exception';

/** The one route config key this reads: what a route's body is (JSON unless it says otherwise). */
interface BodyConfig {
  body?: 'multipart';
}

/** The route reads one multipart/form-data file (`POST /uploads`), not a JSON body. */
export const MultipartBody = (): MethodDecorator =>
  RouteConfig({ body: 'multipart' } satisfies BodyConfig);

/** Whether a route handler carries `@MultipartBody()`. */
export function readsMultipart(handler: object): boolean {
  const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as
    BodyConfig | undefined;
  return config?.body === 'multipart';
}

const JSON_MEDIA_TYPE = 'application/json';
const MULTIPART_MEDIA_TYPE = 'multipart/form-data';

function carriesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/**
 * Refuses a body of another type than the route reads, before anything parses it (api.md: all
 * bodies are JSON; the upload is multipart). 415 `VALIDATION_FAILED` saying which type to send.
 * A request without a body passes whatever its Content-Type says.
 */
export function refuseOtherMediaTypes(request: FastifyRequest): void {
  if (!carriesBody(request)) return;
  const sent = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const multipart = (request.routeOptions.config as BodyConfig | undefined)?.body === 'multipart';
  if (multipart && sent !== MULTIPART_MEDIA_TYPE) {
    throw new ApiException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'VALIDATION_FAILED',
      '请用 multipart/form-data 上传，一次一张照片或一段视频',
    );
  }
  if (!multipart && sent !== JSON_MEDIA_TYPE) {
    throw new ApiException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'VALIDATION_FAILED',
      '请以 JSON 格式提交（Content-Type: application/json）',
    );
  }
}
