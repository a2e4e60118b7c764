import type { GuardianshipHandover } from '@shouhu/shared';
import type { GuardianshipHandoverEntity } from './handover.entity';

/** What a handover's sealed column holds. */
export interface HandoverDetails {
  handedOverBy: string;
  receivedBy: string;
  placedAt: string;
}

/** A written handover (书面交接) as the order page and the child's file show it. */
export function handoverView(
  entity: GuardianshipHandoverEntity,
  details: HandoverDetails,
  unitName: string | null,
): GuardianshipHandover {
  return {
    id: entity.id,
    orderId: entity.orderId,
    at: entity.handedOverAt.toISOString(),
    handedOverBy: details.handedOverBy,
    receivedBy: details.receivedBy,
    placedAt: details.placedAt,
    unitName,
    recordedAt: entity.recordedAt.toISOString(),
  };
}
