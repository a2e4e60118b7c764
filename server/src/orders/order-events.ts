import { randomUUID } from 'node:crypto';
import { sentence } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import type { OrderEventEntity } from './order.entity';

/**
 * A timeline entry; `actor` null for what the system itself did (the sweep, routing). The text is
 * made a whole sentence (shared `sentence`), so no line reads as a fragment (issue 11).
 */
export function orderEvent(
  orderId: string,
  kind: string,
  text: string,
  at: Date,
  actor: { actor: Actor; capacity: string } | null,
  options: { reporterVisible?: boolean; detail?: object } = {},
): OrderEventEntity {
  return {
    id: randomUUID(),
    orderId,
    kind,
    text: sentence(text),
    at,
    actorUserId: actor?.actor.user.id ?? null,
    actorRole: actor?.capacity ?? null,
    reporterVisible: options.reporterVisible ?? false,
    detail: options.detail ?? null,
  };
}
