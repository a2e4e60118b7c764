import { Injectable } from '@nestjs/common';
import {
  nextClockEvent,
  stagesReached,
  type ClockName,
  type ExtensionOffer,
  type Priority,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { OrderClockEntity, OrderEntity } from './order.entity';

/** Clocks that start when an order is dispatched to a unit; feedback starts at signing. */
export const DISPATCH_CLOCKS: readonly ClockName[] = ['sign', 'contact', 'resolve'];

const running = (clocks: readonly OrderClockEntity[]) => clocks.filter((c) => !c.stoppedAt);

/** When the sweep must next look at these clocks; null when none runs or all are on the red list. */
export function nextDueAt(clocks: readonly OrderClockEntity[]): Date | null {
  const times = running(clocks)
    .map((c) => nextClockEvent(c)?.at.getTime())
    .filter((t): t is number => t !== undefined);
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** The nearest deadline of a running clock. */
export function earliestDue(clocks: readonly OrderClockEntity[]): Date | null {
  const times = running(clocks).map((c) => c.dueAt.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** Keeps the order's summary of its clocks (due, next sweep) in step with the clocks. */
export function summarizeClocks(order: OrderEntity, clocks: readonly OrderClockEntity[]): void {
  order.dueAt = earliestDue(clocks);
  order.nextDueAt = nextDueAt(clocks);
}

/** The order a clock runs for: its key, and the unit and place the clock carries for the figures. */
export type ClockHolder = Pick<OrderEntity, 'id' | 'unitId' | 'divisionCode'>;

/** Computes clocks on the working-day calendar. */
@Injectable()
export class ClockPlanner {
  constructor(private readonly calendar: CalendarService) {}

  /** A running clock of `order` from `startedAt`, at the order's unit and place as they are now. */
  async start(
    manager: EntityManager,
    order: ClockHolder,
    clock: ClockName,
    priority: Priority,
    startedAt: Date,
  ): Promise<OrderClockEntity> {
    return {
      orderId: order.id,
      clock,
      startedAt,
      dueAt: await this.calendar.clockDeadline(clock, priority, startedAt, manager),
      stage: 'running',
      stoppedAt: null,
      interrupted: false,
      unitId: order.unitId,
      divisionCode: order.divisionCode,
    };
  }

  /** Clocks for an order (re)dispatched at `at` to the unit it names now. */
  async dispatch(
    manager: EntityManager,
    order: ClockHolder,
    priority: Priority,
    at: Date,
  ): Promise<OrderClockEntity[]> {
    const clocks: OrderClockEntity[] = [];
    for (const clock of DISPATCH_CLOCKS) {
      clocks.push(await this.start(manager, order, clock, priority, at));
    }
    return clocks;
  }

  /** After a priority change, running clocks keep their start and take the new priority's deadline. */
  async reprioritize(
    manager: EntityManager,
    clocks: OrderClockEntity[],
    priority: Priority,
  ): Promise<void> {
    for (const clock of running(clocks)) {
      clock.dueAt = await this.calendar.clockDeadline(
        clock.clock,
        priority,
        clock.startedAt,
        manager,
      );
    }
  }

  /**
   * An approved extension moves the resolve deadline: a police 立案审查 step to its hours after the
   * clock started (7, then 30 days), otherwise by the working days asked for. The stage follows the
   * new deadline.
   */
  async extend(
    manager: EntityManager,
    resolve: OrderClockEntity,
    offer: ExtensionOffer,
    workingDays: number,
    now: Date,
  ): Promise<void> {
    if (offer.kind === 'case_review') {
      resolve.dueAt = new Date(resolve.startedAt.getTime() + offer.resolveHours * 3600_000);
    } else {
      resolve.dueAt = await this.calendar.workingDaysAfter(resolve.dueAt, workingDays, manager);
    }
    const reached = stagesReached({ ...resolve, stage: 'running' }, now);
    resolve.stage = reached[reached.length - 1] ?? 'running';
  }
}
