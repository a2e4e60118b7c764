import { withinPrefixes } from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api-exception';

/** The divisions a 台账 covers, and the code its audit row is filed under. */
export interface LedgerScope {
  divisionPrefixes: string[];
  divisionCode: string;
}

export const LEDGER_REFUSAL = '只有县联席办、乡镇儿童督导员和村（居）儿童主任可以导出台账';
export const LEDGER_DIVISION_REFUSAL = '这个区划不在您的工作范围内';

/**
 * Who may take the 台账 and of which places (issue 16, scoped like the statistics): the county's
 * coordinator the county, a township's 儿童督导员 (handler of a township unit) the township, a
 * village 儿童主任 the village. Other departments' handlers, reporters and administrators: 403.
 * `division` narrows within the caller's divisions; one outside them is 403 too, never an empty
 * workbook that would read as "nothing happened there".
 */
export function ledgerScope(actor: Actor, division: string | undefined): LedgerScope {
  const unit = actor.unit;
  const keeps =
    unit !== null &&
    ((hasRole(actor, 'coordinator') && unit.department === 'coordinator') ||
      (hasRole(actor, 'handler') &&
        (unit.department === 'township' || unit.department === 'village')));
  if (!unit || !keeps) throw ApiException.forbidden(LEDGER_REFUSAL);
  if (division === undefined) {
    return {
      divisionPrefixes: unit.divisionPrefixes,
      divisionCode: unit.divisionPrefixes[0] ?? '',
    };
  }
  if (!withinPrefixes(division, unit.divisionPrefixes)) {
    throw ApiException.forbidden(LEDGER_DIVISION_REFUSAL);
  }
  return { divisionPrefixes: [division], divisionCode: division };
}
