import { orderCapacity, type OrderActorCapacity, type ScopedOrder } from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { prefixesWithin } from '../access/division-scope';
import type { OrderScope } from './orders.repository';

/**
 * In what capacity the caller may act on an order, or null when it is outside their scope (which
 * answers 404): the shared rule `orderCapacity`, which the app's order page asks too.
 */
export function capacityFor(actor: Actor, order: ScopedOrder): OrderActorCapacity | null {
  return orderCapacity(actor, order);
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

interface MovableOrder extends ScopedOrder {
  department: string;
}

interface MoveTarget {
  id: string;
  department: string;
  divisionPrefixes: readonly string[];
}

/**
 * Whether 转办 (by the order's unit) or 改派 (by a coordinator or, on the admin queue, an admin)
 * may move the order to `target` (domain.md, Routing 6): another unit of the same department, in
 * the county of the report's place, and for a coordinator within their own divisions. Moving to
 * the unit it is already in would only reset its clocks and escalation, so it is never offered.
 */
export function mayMoveTo(
  actor: Actor,
  capacity: OrderActorCapacity,
  order: MovableOrder,
  target: MoveTarget,
): boolean {
  if (target.department !== order.department || target.id === order.unitId) return false;
  if (!prefixesWithin(target.divisionPrefixes, [order.divisionCode.slice(0, 6)])) return false;
  if (capacity === 'handler' || capacity === 'admin') return true;
  return prefixesWithin(target.divisionPrefixes, actor.unit?.divisionPrefixes ?? []);
}

/** Why a handed-off order takes no note for the reporter (400 on `reporterVisible`). */
export const HANDED_OFF_NOTE_RULE = '转接来的工单不向报告人反馈，处理记录只能内部可见';
