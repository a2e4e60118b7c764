import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Exact list totals at 1 M orders (issue 17): `order_counts` keeps how many orders lie at each
 * unit (`''` for none, the admin queue) and division, and is filled here from the orders, grouped
 * by the same key. From then on `OrdersRepository` moves it in the transaction of every insert of
 * an order and every change of its unit, and a list as it opens sums the rows under its scope
 * instead of counting the orders. The same statements on MariaDB and SQLite.
 */
export class OrderCounts1765207000000 implements MigrationInterface {
  name = 'OrderCounts1765207000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'order_counts',
        columns: [
          { name: 'unit_key', type: 'varchar', length: '36', isPrimary: true },
          { name: 'division_code', type: 'varchar', length: '12', isPrimary: true },
          { name: 'n', type: 'integer' },
        ],
        indices: [{ name: 'IDX_order_counts_division', columnNames: ['division_code'] }],
      }),
    );
    await queryRunner.query(
      `INSERT INTO order_counts (unit_key, division_code, n)
       SELECT COALESCE(unit_id, ''), division_code, COUNT(*) FROM orders
       GROUP BY COALESCE(unit_id, ''), division_code`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('order_counts');
  }
}
