import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The 控辍保学 figures count the active files on the list under the county's prefix, per state,
 * and read each state's oldest and median `since` (`DropoutFiguresRepository`). Their index held
 * (state, place, since) but not the status, so every file on the list was read from the table to
 * see whether it is 在册: at 200 k files 4,000 rows on pages all over it, 0.5–0.8 s per statement
 * when those pages were not in the buffer pool, and most of the county overview's first answers
 * (issue 17). With the status in the index every statement of the figures reads the index alone.
 */
export class DropoutPlaceStatusIndex1765208000000 implements MigrationInterface {
  name = 'DropoutPlaceStatusIndex1765208000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('child_files', 'IDX_child_files_dropout_place');
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({
        name: 'IDX_child_files_dropout_place',
        columnNames: ['dropout_state', 'status', 'division_code', 'dropout_since'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('child_files', 'IDX_child_files_dropout_place');
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({
        name: 'IDX_child_files_dropout_place',
        columnNames: ['dropout_state', 'division_code', 'dropout_since'],
      }),
    );
  }
}
