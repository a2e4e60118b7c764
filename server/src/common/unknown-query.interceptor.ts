import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ApiException } from './api-exception';

/** `null`: the handler takes the whole query (`@Query() dto`), whose DTO refuses unknown fields. */
type QueryNames = string[] | null;

/**
 * Refuses query parameters a route does not read, as unknown body fields are (api.md): 400
 * `VALIDATION_FAILED` naming each. A route with a query DTO is left to the validation pipe; every
 * other route (no `@Query` at all, or `@Query('name')`) is checked here, so a route added later
 * needs nothing to be covered. A query string that is not valid percent-encoding is refused on
 * every route: the parser hands such a value on undecoded (`q=%ZZ%` as the text `%ZZ%`), and a
 * search must not look for what the client never meant to send.
 */
@Injectable()
export class UnknownQueryInterceptor implements NestInterceptor {
  private readonly names = new WeakMap<object, QueryNames>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isWellEncoded(request.url)) {
      throw ApiException.validation({ query: '网址中的参数编码不正确' });
    }
    const accepted = this.queryNames(context);
    if (accepted !== null) {
      const query = (request.query ?? {}) as object;
      const unknown = Object.keys(query).filter((name) => !accepted.includes(name));
      if (unknown.length > 0) {
        throw ApiException.validation(Object.fromEntries(unknown.map((n) => [n, '不允许的参数'])));
      }
    }
    return next.handle();
  }

  private queryNames(context: ExecutionContext): QueryNames {
    const handler = context.getHandler();
    let names = this.names.get(handler);
    if (names === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as Record<string, { data?: unknown }>;
      const reads = Object.entries(args)
        .filter(([key]) => key.startsWith(`${RouteParamtypes.QUERY}:`))
        .map(([, arg]) => arg.data);
      names = reads.some((data) => typeof data !== 'string') ? null : (reads as string[]);
      this.names.set(handler, names);
    }
    return names;
  }
}

function isWellEncoded(url: string): boolean {
  const query = url.indexOf('?');
  if (query < 0) return true;
  try {
    decodeURIComponent(url.slice(query + 1));
    return true;
  } catch {
    return false;
  }
}
