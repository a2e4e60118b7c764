import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The reporter's 1–5 rating of a closed report. */
export class ReportRatings1764200000000 implements MigrationInterface {
  name = 'ReportRatings1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'rating_score', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'rating_comment', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'rated_at', type: 'datetime', precision: 6, isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('reports', ['rating_score', 'rating_comment', 'rated_at']);
  }
}
