import { Inject, Injectable } from '@nestjs/common';
import {
  INBOX_PAGE_SIZE,
  type InboxBadge,
  type InboxMessage,
  type InboxPage,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import type { InboxQueryDto } from './dto/inbox-query.dto';
import type { InboxMessageEntity } from './inbox-message.entity';
import { InboxRepository } from './inbox.repository';

const view = (message: InboxMessageEntity): InboxMessage => ({
  id: message.id,
  kind: message.kind,
  text: message.text,
  page: message.page,
  createdAt: message.createdAt.toISOString(),
  readAt: message.readAt?.toISOString() ?? null,
});

/** The message is not the caller's, or there is none: the same answer, so ids reveal nothing. */
export const inboxMessageNotFound = () => ApiException.notFound('没有找到这条消息');

/**
 * The caller's own inbox (api.md, Inbox): every logged-in person, staff or reporter, reads and
 * marks their own messages and nobody else's. What the messages say was decided when they were
 * written (shared `inbox.ts`); reading them reveals nothing more.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly messages: InboxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(actor: Actor, query: InboxQueryDto): Promise<InboxPage> {
    const [items, total] = await this.messages.page(
      actor.user.id,
      query.unread === 'true',
      (query.page - 1) * INBOX_PAGE_SIZE,
      INBOX_PAGE_SIZE,
    );
    const unread = await this.messages.countUnread(actor.user.id);
    return { items: items.map(view), total, unread };
  }

  /** Idempotent: a message read again keeps the time it was first read. 404 unless the caller's. */
  async read(actor: Actor, id: string): Promise<InboxMessage> {
    const message = await this.messages.markRead(actor.user.id, id, this.clock.now());
    if (!message) throw inboxMessageNotFound();
    return view(message);
  }

  async readAll(actor: Actor): Promise<InboxBadge> {
    await this.messages.markAllRead(actor.user.id, this.clock.now());
    return { unread: await this.messages.countUnread(actor.user.id) };
  }
}
