import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

/** Evidence files: the bytes live encrypted on disk, this table says whose and whose report. */
export class Uploads1764300000000 implements MigrationInterface {
  name = 'Uploads1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'uploads',
        columns: [
          id(),
          uuidRef('owner_user_id'),
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'mime', type: 'varchar', length: '64' },
          { name: 'size', type: 'integer' },
          uuidRef('report_id', true),
          createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'IDX_uploads_owner', columnNames: ['owner_user_id'] }),
          new TableIndex({ name: 'IDX_uploads_report', columnNames: ['report_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('uploads');
  }
}
