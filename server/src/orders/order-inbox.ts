import { Injectable } from '@nestjs/common';
import {
  escalationChain,
  extensionDecisionInboxText,
  extensionRequestInboxText,
  newOrderInboxText,
  orderPage,
  orderStageMessages,
  returnedOrderInboxText,
  type EscalationStep,
  type InboxKind,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { Inbox } from '../inbox/inbox';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import type { OrderEntity } from './order.entity';

/**
 * What an order's life writes to staff inboxes (issue 15, "Staff hear about their deadlines"),
 * always in the transaction of the event it announces: the unit an order reaches, each stage of
 * its clocks, a return and an extension request to the county coordinator, and the decision back
 * to the order's unit. Texts come from shared `inbox.ts` and name the kind of case, its urgency
 * and a deadline, never the child, the situation or the place. An order in the admin queue (no
 * unit) tells nobody: admins see no cases.
 */
@Injectable()
export class OrderInbox {
  constructor(
    private readonly inbox: Inbox,
    private readonly units: UnitsRepository,
  ) {}

  /** Orders that reached units (dispatch, handoff, transfer, reassignment): each unit's members. */
  async reached(
    manager: EntityManager,
    orders: readonly { order: OrderEntity; signDueAt: Date }[],
    at: Date,
  ): Promise<void> {
    const messages = orders.map(({ order, signDueAt }) => ({
      unitIds: [order.unitId],
      message: {
        kind: 'new_order' as const,
        text: newOrderInboxText({ priority: order.priority, signDueAt, unrouted: order.unrouted }),
        page: orderPage(order.id),
      },
    }));
    await this.inbox.toUnitsEach(manager, messages, at);
  }

  /**
   * The stages one sweep batch recorded, each told once to the units `orderStageMessages` picks;
   * `coordinator` is the county coordinator of the order's place. Two statements for the batch.
   */
  stagesReached(
    manager: EntityManager,
    reached: readonly {
      order: OrderEntity;
      steps: readonly EscalationStep<UnitRecord>[];
      coordinator: UnitRecord | null;
    }[],
    at: Date,
  ): Promise<void> {
    const messages = reached.flatMap(({ order, steps, coordinator }) =>
      steps.flatMap((step) =>
        orderStageMessages(step, order, coordinator).map((message) => ({
          unitIds: [message.unitId],
          message: { kind: step.kind, text: message.text, page: orderPage(order.id) },
        })),
      ),
    );
    return this.inbox.toUnitsEach(manager, messages, at);
  }

  /** A unit returned the order: the coordinator of its place is to reassign it. */
  async returned(manager: EntityManager, order: OrderEntity, at: Date): Promise<void> {
    const coordinator = await this.coordinatorOf(manager, order);
    await this.tell(manager, [coordinator], 'returned', returnedOrderInboxText(order), order, at);
  }

  /** A unit asked for more time: the coordinator of its place decides. */
  async extensionRequested(manager: EntityManager, order: OrderEntity, at: Date): Promise<void> {
    const coordinator = await this.coordinatorOf(manager, order);
    const text = extensionRequestInboxText(order);
    await this.tell(manager, [coordinator], 'extension_request', text, order, at);
  }

  /** The coordinator decided: the order's unit hears it, with the resolve deadline it now has. */
  async extensionDecided(
    manager: EntityManager,
    order: OrderEntity,
    decision: { approved: boolean; resolveDueAt: Date | null },
    at: Date,
  ): Promise<void> {
    const text = extensionDecisionInboxText({ priority: order.priority, ...decision });
    await this.tell(manager, [order.unitId], 'extension_decision', text, order, at);
  }

  private async coordinatorOf(manager: EntityManager, order: OrderEntity): Promise<string | null> {
    const units = await this.units.list(manager);
    return escalationChain(order.divisionCode, units).coordinator?.id ?? null;
  }

  private tell(
    manager: EntityManager,
    unitIds: readonly (string | null)[],
    kind: InboxKind,
    text: string,
    order: OrderEntity,
    at: Date,
  ): Promise<void> {
    return this.inbox.toUnits(manager, unitIds, { kind, text, page: orderPage(order.id) }, at);
  }
}
