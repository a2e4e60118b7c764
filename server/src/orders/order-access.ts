import type { OrderActorCapacity } from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { withinPrefixes } from '../access/division-scope';
import type { OrderScope } from './orders.repository';

interface ScopedOrder {
  unitId: string | null;
  divisionCode: string;
}

/**
 * In what capacity the caller may act on an order, or null when it is outside their scope (which
 * answers 404). Handlers: orders of their unit. Coordinators: orders of their unit and every order
 * whose report lies in their divisions. Admins: only orders no unit covers (the admin queue).
 */
export function capacityFor(actor: Actor, order: ScopedOrder): OrderActorCapacity | null {
  const unit = actor.unit;
  if (unit && hasRole(actor, 'handler') && order.unitId === unit.id) return 'handler';
  if (
    unit &&
    hasRole(actor, 'coordinator') &&
    (order.unitId === unit.id || withinPrefixes(order.divisionCode, unit.divisionPrefixes))
  ) {
    return 'coordinator';
  }
  if (hasRole(actor, 'admin') && order.unitId === null) return 'coordinator';
  return null;
}

/** The orders a caller's list covers; the same rule as `capacityFor`. */
export function listScope(actor: Actor): OrderScope {
  const unit = actor.unit;
  const scope: OrderScope = {};
  if (unit && (hasRole(actor, 'handler') || hasRole(actor, 'coordinator')))
    scope.unitIds = [unit.id];
  if (unit && hasRole(actor, 'coordinator')) scope.divisionPrefixes = unit.divisionPrefixes;
  if (hasRole(actor, 'admin')) scope.unassigned = true;
  return scope;
}
