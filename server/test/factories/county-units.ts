import { aUnitRecord } from './entity.factory';

/**
 * The units of one county (泗县) and a neighbour, as unit specs of routing, actions and queries
 * need them: two townships, a county-wide township unit, education, the coordinator, and a
 * township of the next county (灵璧县) that no 泗县 order may reach.
 */
export const TOWNSHIP = aUnitRecord();

export const OTHER_TOWNSHIP = aUnitRecord({
  id: 'unit-other-township',
  name: '大庄镇儿童督导站',
  divisionPrefixes: ['341324101'],
});

export const COUNTY_TOWNSHIPS = aUnitRecord({
  id: 'unit-county-township',
  name: '县未成年人保护站',
  divisionPrefixes: ['341324'],
});

export const NEXT_COUNTY_TOWNSHIP = aUnitRecord({
  id: 'unit-next-county',
  name: '灵璧县某镇儿童督导站',
  divisionPrefixes: ['341323100'],
});

export const EDUCATION = aUnitRecord({
  id: 'unit-education',
  name: '泗县教育局',
  department: 'education',
  divisionPrefixes: ['341324'],
});

export const COORDINATOR = aUnitRecord({
  id: 'unit-coordinator',
  name: '泗县联席办',
  department: 'coordinator',
  divisionPrefixes: ['341324'],
});

/** Villages of 泗城镇 (TOWNSHIP): units of department `village`, each with its 儿童主任. */
export const VILLAGE = aUnitRecord({
  id: 'unit-village',
  name: '关庙村委会',
  department: 'village',
  divisionPrefixes: ['341324100203'],
  parentId: TOWNSHIP.id,
});

export const OTHER_VILLAGE = aUnitRecord({
  id: 'unit-other-village',
  name: '胡陈村委会',
  department: 'village',
  divisionPrefixes: ['341324100207'],
  parentId: TOWNSHIP.id,
});
