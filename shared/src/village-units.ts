import { VILLAGE_CODE_LENGTH, type Department } from './departments';
import { prefixesWithin } from './division-scope';

/** A unit as the village rules read it. */
export interface VillageRuleUnit {
  id: string;
  department: Department;
  parentId?: string | null;
  divisionPrefixes: readonly string[];
}

/**
 * What is wrong with a new village unit (村/居委会, the 儿童主任), by field, in the words the admin
 * reads; empty when nothing is. A village unit covers villages only and sits under the supervisor
 * station (township unit) of the town the villages are in, which oversees its files and visits
 * (domain.md, "The child, not the ticket"). `parent` is the unit `parentId` names, null when none
 * was given or none exists.
 */
export function villageUnitProblems(
  divisionPrefixes: readonly string[],
  parent: VillageRuleUnit | null,
): Partial<Record<'divisionPrefixes' | 'parentId', string>> {
  const problems: Partial<Record<'divisionPrefixes' | 'parentId', string>> = {};
  const notVillages = divisionPrefixes.filter((prefix) => prefix.length !== VILLAGE_CODE_LENGTH);
  if (notVillages.length > 0) {
    problems.divisionPrefixes = `村（居）委会只能负责村、社区（${VILLAGE_CODE_LENGTH}位区划代码），这些不是：${notVillages.join('、')}`;
  }
  if (!parent) {
    problems.parentId = '村（居）委会须选上级单位：所在乡镇的儿童督导站';
  } else if (parent.department !== 'township') {
    problems.parentId = '村（居）委会的上级单位须是乡镇儿童督导站';
  } else {
    // A prefix that is no village is refused above; naming it again here would only confuse.
    const outside = divisionPrefixes.filter(
      (p) => p.length === VILLAGE_CODE_LENGTH && !prefixesWithin([p], parent.divisionPrefixes),
    );
    if (outside.length > 0) {
      problems.parentId = `上级儿童督导站不负责这些村、社区：${outside.join('、')}，请选村所在乡镇的督导站`;
    }
  }
  return problems;
}

/** `unit` is a village unit under `township` (its 儿童督导站 oversees it). */
export function isVillageOf(unit: VillageRuleUnit, township: { id: string }): boolean {
  return unit.department === 'village' && unit.parentId === township.id;
}
