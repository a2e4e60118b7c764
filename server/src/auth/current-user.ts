import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UserEntity } from './user.entity';

export type AuthenticatedRequest = FastifyRequest & { user?: UserEntity };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserEntity => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new Error('CurrentUser used on a route without authentication');
    return user;
  },
);
