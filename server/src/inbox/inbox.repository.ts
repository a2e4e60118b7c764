import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { InboxMessageEntity } from './inbox-message.entity';
import { insertRowsLater } from '../database/insert-rows';
import { selectRows } from '../database/select-rows';

/** Rows a statement inserts at most: far below SQLite's limit on bound values (7 a row). */
const INSERT_ROWS = 1000;

/** What a new message says; the rest of its row is the same for every new message. */
export type NewInboxMessage = Pick<InboxMessageEntity, 'kind' | 'text' | 'page'>;

/**
 * The only reader and writer of `inbox_messages`. Writes run in the caller's transaction (the
 * event's); reads and read marks are the person's own, one statement each.
 */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The people of these units who receive their messages, by unit id: every enabled member. One
   * statement however many units.
   */
  async membersByUnit(
    manager: EntityManager,
    unitIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const byUnit = new Map<string, string[]>();
    if (unitIds.length === 0) return byUnit;
    const members = await selectRows(
      manager,
      UserEntity,
      { unitId: unitIds, disabled: false },
      { columns: ['id', 'unitId'] },
    );
    for (const { id, unitId } of members) {
      if (unitId) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), id]);
    }
    return byUnit;
  }

  /** Stores each message to its person, in statements of up to `INSERT_ROWS` rows. */
  async insert(
    manager: EntityManager,
    messages: readonly { userId: string; message: NewInboxMessage }[],
    at: Date,
  ): Promise<void> {
    const rows: InboxMessageEntity[] = messages.map(({ userId, message }) => ({
      ...message,
      id: randomUUID(),
      userId,
      createdAt: at,
      readAt: null,
    }));
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await insertRowsLater(manager, InboxMessageEntity, rows.slice(i, i + INSERT_ROWS));
    }
  }

  /**
   * One page of a person's messages, newest first (by the `user_id, created_at` index; messages of
   * one instant by id, so pages never overlap), with how many there are in all.
   */
  async page(
    userId: string,
    unreadOnly: boolean,
    offset: number,
    limit: number,
  ): Promise<[InboxMessageEntity[], number]> {
    return this.dataSource.getRepository(InboxMessageEntity).findAndCount({
      where: { userId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
  }

  countUnread(userId: string): Promise<number> {
    return this.dataSource.getRepository(InboxMessageEntity).countBy({ userId, readAt: IsNull() });
  }

  /**
   * Marks the person's message read, keeping the first time it was; answers it as it now is, or
   * null when the person has no message of that id.
   */
  async markRead(userId: string, id: string, at: Date): Promise<InboxMessageEntity | null> {
    const messages = this.dataSource.getRepository(InboxMessageEntity);
    await messages.update({ id, userId, readAt: IsNull() }, { readAt: at });
    return messages.findOneBy({ id, userId });
  }

  async markAllRead(userId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(InboxMessageEntity)
      .update({ userId, readAt: IsNull() }, { readAt: at });
  }
}
