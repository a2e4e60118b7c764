import type { GuardianshipHandover } from '@shouhu/shared';
import type { GuardianshipHandoverEntity } from './handover.entity';

/** The people and the place of a handover, as sealed in `details_sealed`. */
export interface HandoverDetails {
  handedOverBy: string;
  receivedBy: string;
  placedAt: string;
}

/** A written handover as staff read it, on the order page and on the child's file alike. */
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
