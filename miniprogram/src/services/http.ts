import Taro from '@tarojs/taro';
import type { Shape } from './answer-shape';
import { ApiError } from './api-error';
import { API_BASE } from './config';
import { noteServerTime } from './server-clock';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  data?: unknown;
  headers?: Record<string, string>;
  token?: string;
}

/**
 * The only place the app talks to the network. A 2xx answer reaches the caller only if it has the
 * shape the caller reads (`answers.ts`); anything else, such as a Wi-Fi login page answering for
 * the server, is an ApiError the page shows like any other failure.
 */
export async function httpRequest<T>(request: HttpRequest, shape: Shape<T>): Promise<T> {
  const header: Record<string, string> = { 'content-type': 'application/json', ...request.headers };
  if (request.token) header.authorization = `Bearer ${request.token}`;
  let response: Awaited<ReturnType<typeof Taro.request>>;
  try {
    response = await Taro.request({
      url: `${API_BASE}${request.path}`,
      method: request.method,
      data: request.data as Taro.request.Option['data'],
      header,
      timeout: 15000,
    });
  } catch {
    throw ApiError.network(request.method === 'GET' ? 'read' : 'write');
  }
  noteServerTime(response.header as Record<string, unknown> | undefined);
  if (response.statusCode >= 200 && response.statusCode < 300) {
    if (shape(response.data)) return response.data;
    throw ApiError.badAnswer(response.statusCode, response.data);
  }
  throw ApiError.fromResponse(response.statusCode, response.data);
}
