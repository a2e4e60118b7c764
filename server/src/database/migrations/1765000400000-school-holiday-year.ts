import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One 寒假 and one 暑假 a year per county, held by the database: two administrators posting the
 * same kind of holiday of a county for one year on different days at the same moment could both
 * pass the service's check (`schoolHolidayClash`); the unique index on the start's calendar year
 * lets one in.
 */
export class SchoolHolidayYear1765000400000 implements MigrationInterface {
  name = 'SchoolHolidayYear1765000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'school_holidays',
      new TableColumn({ name: 'starts_year', type: 'integer', isNullable: false, default: 0 }),
    );
    const rows: { id: string; starts_on: string }[] = await queryRunner.query(
      'SELECT id, starts_on FROM school_holidays',
    );
    for (const row of rows) {
      await queryRunner.query('UPDATE school_holidays SET starts_year = ? WHERE id = ?', [
        Number(row.starts_on.slice(0, 4)),
        row.id,
      ]);
    }
    await queryRunner.createIndex(
      'school_holidays',
      new TableIndex({
        name: 'UQ_school_holidays_county_kind_year',
        columnNames: ['county_code', 'kind', 'starts_year'],
        isUnique: true,
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('school_holidays', 'UQ_school_holidays_county_kind_year');
    await queryRunner.dropColumn('school_holidays', 'starts_year');
  }
}
