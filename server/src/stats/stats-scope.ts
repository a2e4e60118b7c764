import { withinPrefixes } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { hasRole } from '../access/actor';
import { ApiException } from '../common/api-exception';
import type { DivisionsService } from '../divisions/divisions.service';

/** The places a caller's figures cover, and the one the answer names. */
export interface StatsScope {
  prefixes: string[];
  divisionCode: string;
}

/**
 * Who sees which figures and 台账 (issue 16; domain.md, Accountability), for every
 * `GET /stats/...` route: a coordinator their divisions (the county), a township's 儿童督导员
 * their township, a village's 儿童主任 their village. Other departments' handlers keep no place
 * and see none (403), as with the children's files. `division` narrows the scope; one outside it
 * is 403, never an empty answer or workbook that would pass for zeros.
 */
export function statsScope(actor: Actor, division: string | undefined): StatsScope {
  const unit = actor.unit;
  const keepsPlaces =
    unit !== null &&
    (hasRole(actor, 'coordinator') ||
      (hasRole(actor, 'handler') &&
        (unit.department === 'township' || unit.department === 'village')));
  if (!unit || !keepsPlaces || unit.divisionPrefixes.length === 0) {
    throw ApiException.forbidden('统计由县联席办、乡镇儿童督导员和村（居）儿童主任查看');
  }
  if (division === undefined) {
    return { prefixes: [...unit.divisionPrefixes], divisionCode: unit.divisionPrefixes[0] };
  }
  if (!withinPrefixes(division, unit.divisionPrefixes)) {
    throw ApiException.forbidden('只能查看本人负责区划之内的统计');
  }
  return { prefixes: [division], divisionCode: division };
}

/**
 * 400 for a `division` that names no known division: within the scope by its digits, it would
 * answer zeros that pass for figures.
 */
export async function checkKnownDivision(
  divisions: DivisionsService,
  division: string | undefined,
): Promise<void> {
  if (division !== undefined && !(await divisions.exists(division))) {
    throw ApiException.validation({ division: '没有这个区划代码，请从区划列表中选择' });
  }
}
