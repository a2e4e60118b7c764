import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The canonical form of an institution's name as shared `canonicalInstitutionName` wrote it when
 * this migration was made (a migration is history: later changes to that rule do not reach it).
 */
function canonical(name: string): string {
  const fullWidth: Record<string, string> = {
    '(': '（',
    ')': '）',
    ',': '，',
    ':': '：',
    ';': '；',
    '!': '！',
    '?': '？',
  };
  return name
    .normalize('NFKC')
    .replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu, '')
    .replace(/\p{White_Space}+/gu, ' ')
    .replace(/[(),:;!?]/g, (mark) => fullWidth[mark])
    .replace(/ ?([（），：；！？]) ?/g, '$1')
    .trim();
}

/**
 * Names entered before names were stored in one canonical form are rewritten in it, so the unique
 * name per county holds for names that look the same from now on. Where two stored names of a
 * county share a canonical form, the first keeps it and the others stay as they are: the
 * coordinator sees both and retires the one too many. Not undone: the old spellings are gone.
 */
export class InstitutionCanonicalNames1765100800000 implements MigrationInterface {
  name = 'InstitutionCanonicalNames1765100800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; county_code: string; name: string }[] = await queryRunner.query(
      'SELECT id, county_code, name FROM institutions ORDER BY created_at, id',
    );
    const taken = new Set(rows.map((row) => `${row.county_code}/${row.name}`));
    for (const row of rows) {
      const name = canonical(row.name);
      const key = `${row.county_code}/${name}`;
      const fits = name !== '' && Array.from(name).length <= 100;
      if (name === row.name || !fits || taken.has(key)) continue;
      await queryRunner.query('UPDATE institutions SET name = ? WHERE id = ?', [name, row.id]);
      taken.delete(`${row.county_code}/${row.name}`);
      taken.add(key);
    }
  }

  async down(): Promise<void> {
    // The old spellings are not kept; the canonical names are valid names under the old rule.
  }
}
