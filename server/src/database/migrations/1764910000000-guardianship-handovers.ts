import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, uuidRef } from './columns';

/** The written handovers (书面交接) of children taken into 临时监护. */
export class GuardianshipHandovers1764910000000 implements MigrationInterface {
  name = 'GuardianshipHandovers1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'guardianship_handovers',
        columns: [
          id(),
          uuidRef('order_id'),
          uuidRef('report_id'),
          uuidRef('unit_id', true),
          { name: 'handed_over_at', type: 'datetime', precision: 6 },
          { name: 'details_sealed', type: 'text' },
          uuidRef('recorded_by'),
          { name: 'recorded_at', type: 'datetime', precision: 6 },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_guardianship_handovers_report',
            columnNames: ['report_id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('guardianship_handovers');
  }
}
