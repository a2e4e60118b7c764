import type { Department } from '@shouhu/shared';
import { keepingUnit } from './keeping-unit';

const unit = (name: string, department: Department, divisionPrefixes: string[]) => ({
  name,
  department,
  divisionPrefixes,
});

const GUANMIAO = unit('关庙村委会', 'village', ['341324100203']);
const HUCHEN = unit('胡陈村委会', 'village', ['341324100207']);
const SICHENG = unit('泗城镇', 'township', ['341324100']);
const DUNJI = unit('墩集镇', 'township', ['341324101']);
const COUNTY_TOWNSHIPS = unit('县未保站', 'township', ['341324']);
const POLICE = unit('泗县公安局', 'police', ['341324100203']);
const COORDINATOR = unit('泗县联席办', 'coordinator', ['341324']);
const UNITS = [POLICE, COORDINATOR, COUNTY_TOWNSHIPS, SICHENG, DUNJI, GUANMIAO, HUCHEN];

describe('keepingUnit', () => {
  it.each([
    ['a village with a unit: the village', '341324100203', UNITS, GUANMIAO],
    ['the other village: its own unit', '341324100207', UNITS, HUCHEN],
    ['a village without a unit: its township', '341324100210', UNITS, SICHENG],
    ['a township: the township, not a village inside it', '341324100', UNITS, SICHENG],
    [
      'a township without a unit of its own: the county-wide one',
      '341324102',
      UNITS,
      COUNTY_TOWNSHIPS,
    ],
    ['a place no village or township unit covers: none', '341322100', UNITS, null],
    ['only police and coordinator cover it: none', '341324100203', [POLICE, COORDINATOR], null],
  ])('%s', (_case, code, units, expected) => {
    expect(keepingUnit(code, units)).toBe(expected);
  });

  it('never lets a village unit keep more than its village', () => {
    const wide = unit('错配的村', 'village', ['341324100']);

    expect(keepingUnit('341324100203', [wide, SICHENG])).toBe(SICHENG);
  });
});
