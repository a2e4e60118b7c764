import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { InboxMessageEntity } from './inbox-message.entity';

/** What a new message says; the rest of its row is the same for every new message. */
export type NewInboxMessage = Pick<InboxMessageEntity, 'kind' | 'text' | 'page'>;

@Injectable()
export class InboxRepository {
  /** The people of these units who receive its messages: every enabled member. */
  async unitMembers(manager: EntityManager, unitIds: readonly string[]): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const members = await manager.getRepository(UserEntity).find({
      select: { id: true },
      where: { unitId: In([...unitIds]), disabled: false },
    });
    return members.map((m) => m.id);
  }

  async insert(
    manager: EntityManager,
    userIds: readonly string[],
    message: NewInboxMessage,
    at: Date,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const rows: InboxMessageEntity[] = userIds.map((userId) => ({
      ...message,
      id: randomUUID(),
      userId,
      createdAt: at,
      readAt: null,
    }));
    await manager.createQueryBuilder().insert().into(InboxMessageEntity).values(rows).execute();
  }
}
