import type { Unit } from '@shouhu/shared';
import type { UnitRecord } from './unit';

export function toUnit(unit: UnitRecord): Unit {
  const view: Unit = {
    id: unit.id,
    name: unit.name,
    department: unit.department,
    divisionPrefixes: unit.divisionPrefixes,
    createdAt: unit.createdAt.toISOString(),
  };
  if (unit.parentId) view.parentId = unit.parentId;
  if (unit.dutyPhone) view.dutyPhone = unit.dutyPhone;
  return view;
}
