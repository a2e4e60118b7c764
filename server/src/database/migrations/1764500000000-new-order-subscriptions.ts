import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { uuidRef } from './columns';

/**
 * Handlers' acceptances of the new-order message, one row per user keyed by the user: the only
 * lookup is by user, so the primary key is the only index.
 */
export class NewOrderSubscriptions1764500000000 implements MigrationInterface {
  name = 'NewOrderSubscriptions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'new_order_subscriptions',
        columns: [
          { ...uuidRef('user_id'), isPrimary: true },
          { name: 'remaining', type: 'integer' },
          { name: 'updated_at', type: 'datetime', precision: 6 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('new_order_subscriptions');
  }
}
