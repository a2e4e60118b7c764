import { withinPrefixes } from './division-scope';
import type { ReceivingDepartment } from './departments';
import type { OrderActorCapacity, OrderStatus } from './order-states';
import type { Role } from './roles';

/** Who acts on an order: their roles, and their unit with the divisions it covers (none: null). */
export interface OrderActor {
  roles: readonly Role[];
  unit: { id: string; divisionPrefixes: readonly string[] } | null;
}

/** Where an order sits: its unit (null on the admin queue) and the division of its report. */
export interface ScopedOrder {
  unitId: string | null;
  divisionCode: string;
}

/**
 * In what capacity someone may act on an order, or null when it is outside their scope (the server
 * answers 404; the app offers no action). Handlers: orders of their unit. Coordinators: orders of
 * their unit and every order whose report lies in their unit's divisions. Administrators: only
 * orders no unit covers (the admin queue), in a capacity of their own that routes them without
 * seeing who the child or the reporter is (domain.md, Privacy). A handler of the order's unit acts
 * as its handler even if they also coordinate.
 */
export function orderCapacity(actor: OrderActor, order: ScopedOrder): OrderActorCapacity | null {
  const { unit, roles } = actor;
  if (unit && roles.includes('handler') && order.unitId === unit.id) return 'handler';
  if (
    unit &&
    roles.includes('coordinator') &&
    (order.unitId === unit.id || withinPrefixes(order.divisionCode, unit.divisionPrefixes))
  ) {
    return 'coordinator';
  }
  if (roles.includes('admin') && order.unitId === null) return 'admin';
  return null;
}

/**
 * 转接 (domain.md, "Handoff"): the order's handler or its coordinator may bring another department
 * in, while the order is with a unit; a returned order waits for 改派 first. A resolved order may
 * still hand off: police who issued a 告诫书 and closed their case bring the township in.
 */
export function mayHandOff(
  capacity: OrderActorCapacity | null,
  order: { status: OrderStatus },
): boolean {
  return (capacity === 'handler' || capacity === 'coordinator') && order.status !== 'returned';
}

/**
 * 书面交接: the handler of a civil affairs order who has signed it (in progress or resolved) records
 * the written handover of a child taken into 临时监护 (未保法 第九十二条).
 */
export function mayRecordHandover(
  capacity: OrderActorCapacity | null,
  order: { department: ReceivingDepartment; status: OrderStatus },
): boolean {
  return (
    capacity === 'handler' &&
    order.department === 'civil_affairs' &&
    (order.status === 'in_progress' || order.status === 'resolved')
  );
}
