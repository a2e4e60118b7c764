import type { Role } from '@shouhu/shared';
import type { UserEntity } from '../users/user.entity';
import type { UnitRecord } from '../units/unit';

/** Who is calling, resolved once per request by the access guard. */
export interface Actor {
  user: UserEntity;
  roles: Role[];
  unit: UnitRecord | null;
  ip: string | null;
}

/** Everyone may report; other roles come from an invitation or, for admins, from configuration. */
export function rolesOf(user: UserEntity, adminOpenids: ReadonlySet<string>): Role[] {
  const roles: Role[] = ['reporter'];
  if (user.orgName) roles.push('mandated_reporter');
  if (user.hotlineOperator) roles.push('hotline_operator');
  if (user.unitId && user.unitRole) roles.push(user.unitRole);
  if (adminOpenids.has(user.openid)) roles.push('admin');
  return roles;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
