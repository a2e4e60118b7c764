import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { AuthResponse } from '@shouhu/shared';
import type { FastifyRequest } from 'fastify';
import { tap, type Observable } from 'rxjs';
import { noteCaller } from '../logging/request-log';

/**
 * A login's request line names the user it logged in (README, Logs): the request carried no token
 * of theirs, so nothing else on it says who they are.
 */
@Injectable()
export class LoggedInUserInterceptor implements NestInterceptor<AuthResponse, AuthResponse> {
  intercept(context: ExecutionContext, next: CallHandler<AuthResponse>): Observable<AuthResponse> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(tap((answer) => noteCaller(request, answer.user.id)));
  }
}
