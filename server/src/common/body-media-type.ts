import { HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api-exception';

/** The route config keys this reads: what a route's body is (JSON unless it says otherwise). */
interface BodyConfig {
  body?: 'multipart';
  /** What the one file is, as the 415 names it: 一次一张照片或一段视频. */
  file?: string;
}

/** The route reads one multipart/form-data file (`file`: what it is, in words), not a JSON body. */
export const MultipartBody = (file: string): MethodDecorator =>
  RouteConfig({ body: 'multipart', file } satisfies BodyConfig);

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
  const config = request.routeOptions.config as BodyConfig | undefined;
  const multipart = config?.body === 'multipart';
  if (multipart && sent !== MULTIPART_MEDIA_TYPE) {
    throw new ApiException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'VALIDATION_FAILED',
      `请用 multipart/form-data 上传，${config.file ?? '一个文件'}`,
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
