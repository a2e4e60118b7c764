import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedRequest } from './current-user';
import { IS_PUBLIC } from './public.decorator';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

/** Every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const userId = token ? this.tokens.verify(token) : null;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw ApiException.unauthenticated('登录已失效，请重新登录');
    request.user = user;
    return true;
  }
}
