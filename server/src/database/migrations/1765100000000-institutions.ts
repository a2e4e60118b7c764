import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

/**
 * The register of mandated institutions (issue 16): a county's schools, hospitals, committees…,
 * and the institution a mandated reporter joined for (users, invites) and filed a report for
 * (reports), so a county counts reports per institution rather than per typed name. Reports are
 * found per institution and time through `IDX_reports_institution_created`.
 */
export class Institutions1765100000000 implements MigrationInterface {
  name = 'Institutions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'institutions',
        columns: [
          id(),
          { name: 'county_code', type: 'varchar', length: '6' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'division_code', type: 'varchar', length: '12' },
          { name: 'contact_name', type: 'varchar', length: '50', isNullable: true },
          { name: 'contact_phone', type: 'varchar', length: '24', isNullable: true },
          createdAt(),
          { name: 'updated_at', type: 'datetime', precision: 6 },
        ],
        indices: [
          {
            name: 'UQ_institutions_county_name',
            columnNames: ['county_code', 'name'],
            isUnique: true,
          },
          { name: 'IDX_institutions_county_type', columnNames: ['county_code', 'type'] },
          { name: 'IDX_institutions_division', columnNames: ['division_code'] },
        ],
      }),
    );
    for (const table of ['users', 'invites', 'reports']) {
      await queryRunner.addColumn(table, new TableColumn(uuidRef('institution_id', true)));
    }
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'IDX_users_institution', columnNames: ['institution_id'] }),
    );
    await queryRunner.createIndex(
      'reports',
      new TableIndex({
        name: 'IDX_reports_institution_created',
        columnNames: ['institution_id', 'created_at'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_institution_created');
    await queryRunner.dropIndex('users', 'IDX_users_institution');
    for (const table of ['reports', 'invites', 'users']) {
      await queryRunner.dropColumn(table, 'institution_id');
    }
    await queryRunner.dropTable('institutions');
  }
}
