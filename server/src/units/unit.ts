import type { Department } from '@shouhu/shared';

/** A receiving or coordinating unit with the divisions it is responsible for. */
export interface UnitRecord {
  id: string;
  name: string;
  department: Department;
  parentId: string | null;
  divisionPrefixes: string[];
  /** Normalised digits; null when the unit has none. */
  dutyPhone: string | null;
  createdAt: Date;
}
