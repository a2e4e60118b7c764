import { HttpStatus } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api-exception';

/** The route config keys this reads: what a route's body is (JSON unless it says otherwise). */
interface BodyConfig {
  body?: 'multipart';
  /** What the one file is, in the words its refusals use: 一张照片或一段视频. */
  file?: string;
  /** The file's kinds and limits, for the API document. */
  fileDetail?: string;
}

/**
 * The route reads one multipart/form-data file, not a JSON body. `file` says what it is in the
 * words of every refusal of the form (请只上传{file}); `detail` its kinds and limits, for the API
 * document.
 */
export const MultipartBody = (file: string, detail: string): MethodDecorator =>
  RouteConfig({ body: 'multipart', file, fileDetail: detail } satisfies BodyConfig);

function bodyConfigOf(handler: object): BodyConfig | undefined {
  return Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as BodyConfig | undefined;
}

/** Whether a route handler carries `@MultipartBody()`. */
export function readsMultipart(handler: object): boolean {
  return bodyConfigOf(handler)?.body === 'multipart';
}

/** What a `@MultipartBody()` route's file is, in words and in detail; undefined for any other. */
export function multipartFileOf(handler: object): { file: string; detail: string } | undefined {
  const config = bodyConfigOf(handler);
  if (config?.body !== 'multipart') return undefined;
  return { file: config.file ?? '一个文件', detail: config.fileDetail ?? '' };
}

/** The words of the file the requested route reads (its `@MultipartBody`): 一张 .xlsx 表格. */
export function multipartFileWords(request: FastifyRequest): string {
  return (request.routeOptions.config as BodyConfig | undefined)?.file ?? '一个文件';
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
      `请用 multipart/form-data 上传${config.file ?? '一个文件'}`,
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
