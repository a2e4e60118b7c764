import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A school closes or merges: the coordinator takes it off the register (停用) without deleting
 * it, so what it reported stays in the figures and the 台账. Null while it is on the register.
 */
export class InstitutionRetirement1765100700000 implements MigrationInterface {
  name = 'InstitutionRetirement1765100700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'institutions',
      new TableColumn({ name: 'retired_at', type: 'datetime', precision: 6, isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('institutions', 'retired_at');
  }
}
