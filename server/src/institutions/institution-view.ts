import type { Institution } from '@shouhu/shared';
import type { InstitutionEntity } from './institution.entity';

/** The answer of an institution: its row, its place's name and its reporters. */
export function toInstitution(
  row: InstitutionEntity,
  placeNames: ReadonlyMap<string, string>,
  reporterCounts: ReadonlyMap<string, number>,
): Institution {
  return {
    id: row.id,
    countyCode: row.countyCode,
    name: row.name,
    type: row.type,
    divisionCode: row.divisionCode,
    placeName: placeNames.get(row.divisionCode) ?? row.divisionCode,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    reporterCount: reporterCounts.get(row.id) ?? 0,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
