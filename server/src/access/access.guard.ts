import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-exception';
import { UnitsRepository } from '../units/units.repository';
import { UsersRepository } from '../users/users.repository';
import { ACCESS, type AccessRule } from './access.decorator';
import { rolesOf, type Actor } from './actor';
import type { RequestWithActor } from './current-actor';
import { bearerToken, TokenService } from './token.service';

/**
 * The one place that decides who may call a route. Routes without an @Access declaration are
 * refused outright, so forgetting one fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.get<AccessRule[] | undefined>(ACCESS, context.getHandler());
    if (!rules) {
      throw new Error(
        `${context.getClass().name}.${context.getHandler().name} declares no @Access`,
      );
    }
    if (rules.includes('public')) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    if (rules.includes('authenticated') || actor.roles.some((role) => rules.includes(role))) {
      return true;
    }
    throw ApiException.forbidden();
  }

  private async authenticate(request: RequestWithActor): Promise<Actor> {
    const token = bearerToken(request.headers.authorization);
    const claims = token ? this.tokens.verify(token) : null;
    const user = claims ? await this.users.findById(claims.userId) : null;
    if (!claims || !user || user.tokenVersion !== claims.version) {
      throw ApiException.unauthenticated('登录已失效，请重新登录');
    }
    if (user.disabled) throw ApiException.accountDisabled();
    const unit = user.unitId ? await this.units.findById(user.unitId) : null;
    return {
      user,
      roles: rolesOf(user, this.config.auth.adminOpenids),
      unit,
      ip: request.ip ?? null,
    };
  }
}
