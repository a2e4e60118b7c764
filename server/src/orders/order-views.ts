import {
  outcomeView,
  type ClockName,
  type OrderEventView,
  type OrderSummary,
  type SituationCode,
} from '@shouhu/shared';
import type { OrderClockEntity, OrderEntity, OrderEventEntity } from './order.entity';

export interface OrderContext {
  unitName: string | null;
  situations: SituationCode[];
  placeName: string;
  clocks: OrderClockEntity[];
  now: Date;
}

function dueOf(clocks: OrderClockEntity[], clock: ClockName): string | null {
  return clocks.find((c) => c.clock === clock)?.dueAt.toISOString() ?? null;
}

function nextClock(clocks: OrderClockEntity[]): OrderSummary['nextClock'] {
  const running = clocks
    .filter((c) => !c.stoppedAt)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ? { clock: running[0].clock, dueAt: running[0].dueAt.toISOString() } : null;
}

export function toOrderSummary(order: OrderEntity, context: OrderContext): OrderSummary {
  const { clocks, now } = context;
  return {
    id: order.id,
    reportId: order.reportId,
    department: order.department,
    role: order.role,
    status: order.status,
    priority: order.priority,
    initialPriority: order.initialPriority,
    unitId: order.unitId,
    unitName: context.unitName,
    unrouted: order.unrouted,
    situations: context.situations,
    divisionCode: order.divisionCode,
    signDueAt: dueOf(clocks, 'sign'),
    contactDueAt: dueOf(clocks, 'contact'),
    feedbackDueAt: dueOf(clocks, 'feedback'),
    resolveDueAt: dueOf(clocks, 'resolve'),
    returnDueAt: order.returnDueAt.toISOString(),
    nextClock: nextClock(clocks),
    overdue: clocks.filter((c) => !c.stoppedAt && c.dueAt <= now).map((c) => c.clock),
    escalationLevel: order.escalationLevel,
    extensionPendingDays: order.extensionPendingDays,
    extensionsGranted: order.extensionsGranted,
    contactedAt: order.contactedAt?.toISOString() ?? null,
    placeName: context.placeName,
    outcome: outcomeView(order),
    handedOffFrom: order.handedOffFrom,
    createdAt: order.createdAt.toISOString(),
  };
}

export function toEventView(event: OrderEventEntity): OrderEventView {
  return {
    at: event.at.toISOString(),
    kind: event.kind,
    text: event.text,
    actorRole: event.actorRole,
    reporterVisible: event.reporterVisible,
  };
}
