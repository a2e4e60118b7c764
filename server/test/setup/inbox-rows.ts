import type { INestApplication } from '@nestjs/common';
import type { InboxKind } from '@shouhu/shared';
import { DataSource } from 'typeorm';

export interface InboxRow {
  kind: InboxKind;
  text: string;
  page: string | null;
}

/** A person's inbox as stored, oldest first: what `GET /notifications` would list. */
export async function inboxOf(app: INestApplication, userId: string): Promise<InboxRow[]> {
  const rows: InboxRow[] = await app
    .get(DataSource)
    .query(
      'SELECT kind, text, page FROM inbox_messages WHERE user_id = ? ORDER BY created_at, id',
      [userId],
    );
  return rows.map(({ kind, text, page }) => ({ kind, text, page }));
}

/** The kinds of a person's messages, oldest first. */
export async function inboxKinds(app: INestApplication, userId: string): Promise<InboxKind[]> {
  return (await inboxOf(app, userId)).map((row) => row.kind);
}
