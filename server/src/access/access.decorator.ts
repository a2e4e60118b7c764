import { SetMetadata } from '@nestjs/common';
import type { Role } from '@shouhu/shared';

/** `public`: no login; `authenticated`: any logged-in user; a role: users holding it. */
export type AccessRule = 'public' | 'authenticated' | Role;

export const ACCESS = 'shouhu:access';

/**
 * Every route declares who may call it. A route without a declaration is refused by the guard
 * and fails the access-matrix test.
 */
export const Access = (...rules: [AccessRule, ...AccessRule[]]): MethodDecorator =>
  SetMetadata(ACCESS, rules);
