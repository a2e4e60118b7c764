import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { uuidRef } from './columns';

/** The order a handoff (转接) brought an assist order in from; null for routed orders. */
export class OrderHandoffs1764920000000 implements MigrationInterface {
  name = 'OrderHandoffs1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('orders', new TableColumn(uuidRef('handed_off_from', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'handed_off_from');
  }
}
