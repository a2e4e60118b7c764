import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

/**
 * Hand-written with TypeORM's schema API so one migration runs on MariaDB (production) and on
 * the embedded SQLite alike; index names are explicit so both drivers agree on them.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== 'better-sqlite3') {
      const database = await queryRunner.getCurrentDatabase();
      await queryRunner.query(
        `ALTER DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    }

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          { name: 'openid', type: 'varchar', length: '64' },
          { name: 'unionid', type: 'varchar', length: '64', isNullable: true },
          { name: 'roles', type: 'varchar', length: '255' },
          createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'UQ_users_openid', columnNames: ['openid'], isUnique: true }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          id(),
          { name: 'tracking_code', type: 'varchar', length: '16' },
          uuidRef('reporter_user_id'),
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'priority', type: 'varchar', length: '2' },
          { name: 'immediate_danger', type: 'boolean' },
          { name: 'situations', type: 'text' },
          { name: 'description', type: 'text' },
          { name: 'discovered_at', type: 'datetime', precision: 6 },
          { name: 'division_code', type: 'varchar', length: '12' },
          { name: 'location_sealed', type: 'text' },
          { name: 'child_sealed', type: 'text' },
          { name: 'child_gender', type: 'varchar', length: '8', isNullable: true },
          { name: 'child_age_years', type: 'integer', isNullable: true },
          { name: 'reporter_anonymous', type: 'boolean' },
          { name: 'reporter_confidential', type: 'boolean' },
          { name: 'reporter_sealed', type: 'text', isNullable: true },
          createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_reports_tracking_code',
            columnNames: ['tracking_code'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_reports_reporter_created',
            columnNames: ['reporter_user_id', 'created_at'],
          }),
          new TableIndex({ name: 'IDX_reports_division', columnNames: ['division_code'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'report_events',
        columns: [
          id(),
          uuidRef('report_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'text', type: 'varchar', length: '500' },
          { name: 'reporter_visible', type: 'boolean' },
          { name: 'at', type: 'datetime', precision: 6 },
        ],
        indices: [
          new TableIndex({ name: 'IDX_report_events_report_at', columnNames: ['report_id', 'at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'idempotency_key', type: 'varchar', length: '128', isPrimary: true },
          uuidRef('user_id'),
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'response_status', type: 'integer', isNullable: true },
          { name: 'response_body', type: 'text', isNullable: true },
          createdAt(),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropTable('report_events');
    await queryRunner.dropTable('reports');
    await queryRunner.dropTable('users');
  }
}
