import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InboxKind } from '@shouhu/shared';

/**
 * A message of a person's in-app inbox (`GET /notifications`), written in the transaction of what
 * it announces, one row per recipient. The text names the kind of case, never the child.
 */
@Entity('inbox_messages')
@Index('IDX_inbox_messages_user_created', ['userId', 'createdAt'])
@Index('IDX_inbox_messages_user_read', ['userId', 'readAt'])
export class InboxMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: InboxKind;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  page: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 6, nullable: true })
  readAt: Date | null;
}
