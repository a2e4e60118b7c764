import type { Department } from '@shouhu/shared';

/** A receiving or coordinating unit with the divisions it is responsible for. */
export interface UnitRecord {
  id: string;
  name: string;
  department: Department;
  parentId: string | null;
  divisionPrefixes: string[];
  createdAt: Date;
}
