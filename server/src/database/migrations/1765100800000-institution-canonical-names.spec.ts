import type { QueryRunner } from 'typeorm';
import { canonicalInstitutionName } from '@shouhu/shared';
import { InstitutionCanonicalNames1765100800000 } from './1765100800000-institution-canonical-names';

type Row = { id: string; county_code: string; name: string };

/** A query runner over `rows`: the SELECT answers them, each UPDATE is recorded. */
function aQueryRunner(rows: Row[]) {
  const updates: [string, string][] = [];
  const runner = {
    query: jest.fn(async (sql: string, parameters?: string[]) => {
      if (sql.startsWith('SELECT')) return rows;
      updates.push([parameters![1], parameters![0]]);
      return undefined;
    }),
  };
  return { runner: runner as unknown as QueryRunner, updates };
}

describe(InstitutionCanonicalNames1765100800000.name, () => {
  const sut = new InstitutionCanonicalNames1765100800000();

  it('rewrites each stored name in the canonical form shared `canonicalInstitutionName` gives', async () => {
    const names = [
      '泗县第１中学 (本部)',
      ' ＡＢ\u200B幼儿园 , 分园 ',
      '泗城镇\u00A0A区  小学',
      '\uFEFF关庙村村民委员会',
    ];
    const { runner, updates } = aQueryRunner(
      names.map((name, i) => ({ id: `i${i}`, county_code: '341324', name })),
    );

    await sut.up(runner);

    expect(updates).toEqual(names.map((name, i) => [`i${i}`, canonicalInstitutionName(name)]));
  });

  it('leaves a canonical name, and a name whose canonical form its county holds already', async () => {
    const { runner, updates } = aQueryRunner([
      { id: 'kept', county_code: '341324', name: '泗县第一中学（本部）' },
      { id: 'twin', county_code: '341324', name: '泗县第一中学(本部)' },
      { id: 'elsewhere', county_code: '341322', name: '泗县第一中学(本部)' },
      { id: 'first', county_code: '341324', name: '墩集镇 中心小学' },
      { id: 'second', county_code: '341324', name: '墩集镇  中心小学' },
    ]);

    await sut.up(runner);

    expect(updates).toEqual([['elsewhere', '泗县第一中学（本部）']]);
  });

  it('leaves a name whose canonical form would be over 100 characters', async () => {
    const { runner, updates } = aQueryRunner([
      { id: 'long', county_code: '341324', name: '㍻'.repeat(60) },
    ]);

    await sut.up(runner);

    expect(updates).toEqual([]);
  });
});
