import { rowsAffected } from './visit-dues.repository';

describe(rowsAffected.name, () => {
  it('reads each driver’s answer to an insert', () => {
    expect(rowsAffected({ affectedRows: 1 })).toBe(1);
    expect(rowsAffected({ changes: 1 })).toBe(1);
    // MariaDB with INSERT … RETURNING: the rows written, none when INSERT IGNORE left it out.
    expect(rowsAffected([{ stage: 'running' }])).toBe(1);
    expect(rowsAffected([])).toBe(0);
    expect(rowsAffected({ affectedRows: 0 })).toBe(0);
    expect(rowsAffected(undefined)).toBe(0);
  });
});
