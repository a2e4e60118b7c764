import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The sweep asks every tick for a started school holiday whose visits are not planned yet
 * (`SchoolHolidaysRepository.lockStarted`). Without an index that read every holiday ever entered
 * and sorted them, a cost that grows with each county and year; from
 * `IDX_school_holidays_unplanned` it is a probe that finds only the unplanned ones that started,
 * already in (start, id) order (issue 17: the empty tick costs the same at any history).
 */
export class UnplannedHolidaysIndex1765205000000 implements MigrationInterface {
  name = 'UnplannedHolidaysIndex1765205000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'school_holidays',
      new TableIndex({
        name: 'IDX_school_holidays_unplanned',
        columnNames: ['dues_created_at', 'starts_on'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('school_holidays', 'IDX_school_holidays_unplanned');
  }
}
