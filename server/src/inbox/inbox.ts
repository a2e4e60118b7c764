import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InboxRepository, type NewInboxMessage } from './inbox.repository';

/**
 * Writes inbox messages in the transaction of what they announce, so a message exists if and only
 * if its event does. A message to a unit reaches each enabled member once, even when the unit is
 * named twice (an order escalated to the unit that already holds it).
 */
@Injectable()
export class Inbox {
  constructor(private readonly messages: InboxRepository) {}

  async toUnits(
    manager: EntityManager,
    unitIds: readonly (string | null | undefined)[],
    message: NewInboxMessage,
    at: Date,
  ): Promise<void> {
    await this.eachToUnits(manager, [{ unitIds, message }], at);
  }

  /** Several messages, each to its units, with one read of the members and one insert. */
  async eachToUnits(
    manager: EntityManager,
    messages: readonly {
      unitIds: readonly (string | null | undefined)[];
      message: NewInboxMessage;
    }[],
    at: Date,
  ): Promise<void> {
    const named = (ids: readonly (string | null | undefined)[]) =>
      new Set(ids.filter((id): id is string => Boolean(id)));
    const members = await this.messages.unitMembers(manager, [
      ...named(messages.flatMap((m) => m.unitIds)),
    ]);
    const rows = messages.flatMap(({ unitIds, message }) => {
      const userIds = new Set([...named(unitIds)].flatMap((unit) => members.get(unit) ?? []));
      return [...userIds].map((userId) => ({ userId, message }));
    });
    await this.messages.insert(manager, rows, at);
  }

  async toUsers(
    manager: EntityManager,
    userIds: readonly string[],
    message: NewInboxMessage,
    at: Date,
  ): Promise<void> {
    await this.messages.insert(
      manager,
      [...new Set(userIds)].map((userId) => ({ userId, message })),
      at,
    );
  }
}
