import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InboxRepository, type NewInboxMessage } from './inbox.repository';

/** One message and the units whose members hear it. */
export interface UnitsMessage {
  unitIds: readonly (string | null | undefined)[];
  message: NewInboxMessage;
}

/**
 * Writes inbox messages in the transaction of what they announce, so a message exists if and only
 * if its event does. A message to a unit reaches each enabled member once, even when the unit is
 * named twice (an order escalated to the unit that already holds it).
 */
@Injectable()
export class Inbox {
  constructor(private readonly messages: InboxRepository) {}

  toUnits(
    manager: EntityManager,
    unitIds: readonly (string | null | undefined)[],
    message: NewInboxMessage,
    at: Date,
  ): Promise<void> {
    return this.toUnitsEach(manager, [{ unitIds, message }], at);
  }

  /**
   * Many messages, each to its units' members, in two statements however many (a sweep's batch):
   * the members of every unit named, then the rows.
   */
  async toUnitsEach(
    manager: EntityManager,
    messages: readonly UnitsMessage[],
    at: Date,
  ): Promise<void> {
    const named = (ids: UnitsMessage['unitIds']) =>
      new Set(ids.filter((id): id is string => Boolean(id)));
    const units = new Set(messages.flatMap(({ unitIds }) => [...named(unitIds)]));
    const members = await this.messages.membersByUnit(manager, [...units]);
    const rows = messages.flatMap(({ unitIds, message }) => {
      const users = new Set([...named(unitIds)].flatMap((unit) => members.get(unit) ?? []));
      return [...users].map((userId) => ({ userId, message }));
    });
    if (rows.length > 0) await this.messages.insert(manager, rows, at);
  }

  async toUsers(
    manager: EntityManager,
    userIds: readonly string[],
    message: NewInboxMessage,
    at: Date,
  ): Promise<void> {
    const users = [...new Set(userIds)];
    if (users.length > 0) {
      await this.messages.insert(
        manager,
        users.map((userId) => ({ userId, message })),
        at,
      );
    }
  }
}
