import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A year of statistics at 1 M orders (issue 17): the figures grouped each clock due in the period
 * by its order's unit and place, reading each of a year's clocks' orders by key. Each clock now
 * carries copies of its order's `unit_id` and `division_code`, and one index holds everything the
 * grouping reads (due time, place, unit, stage, the stop facts; the key's `clock` is in every
 * secondary index), so the database counts a year from the index alone. It replaces the due-time
 * index of 1765202000000, which it serves as well, so a clock written still costs one index entry.
 *
 * The copies stay true because the clock planner writes them from the order and an order changes
 * unit only by getting fresh clocks (改派, 转办). `division_code` is added with an empty default
 * (instant on MariaDB), filled from the orders, then loses the default, as the entity declares it.
 */
export class ClockPlaces1765204000000 implements MigrationInterface {
  name = 'ClockPlaces1765204000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('order_clocks', [
      new TableColumn(UNIT),
      new TableColumn({ ...DIVISION, default: "''" }),
    ]);
    await queryRunner.query(
      queryRunner.connection.options.type === 'better-sqlite3'
        ? `UPDATE order_clocks SET unit_id = o.unit_id, division_code = o.division_code
           FROM orders o WHERE o.id = order_clocks.order_id`
        : `UPDATE order_clocks c JOIN orders o ON o.id = c.order_id
           SET c.unit_id = o.unit_id, c.division_code = o.division_code`,
    );
    await queryRunner.changeColumn(
      'order_clocks',
      'division_code',
      new TableColumn({ ...DIVISION }),
    );
    await queryRunner.createIndex('order_clocks', PLACE_INDEX);
    await queryRunner.dropIndex('order_clocks', DUE_INDEX.name!);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('order_clocks', DUE_INDEX);
    await queryRunner.dropIndex('order_clocks', PLACE_INDEX.name!);
    await queryRunner.dropColumn('order_clocks', 'division_code');
    await queryRunner.dropColumn('order_clocks', 'unit_id');
  }
}

const UNIT = { name: 'unit_id', type: 'varchar', length: '36', isNullable: true };
const DIVISION = { name: 'division_code', type: 'varchar', length: '12' };

const PLACE_INDEX = new TableIndex({
  name: 'IDX_order_clocks_due_place',
  columnNames: [
    'due_at',
    'division_code',
    'unit_id',
    'stage',
    'interrupted',
    'started_at',
    'stopped_at',
  ],
});

const DUE_INDEX = new TableIndex({
  name: 'IDX_order_clocks_due_figures',
  columnNames: ['due_at', 'stage', 'interrupted', 'started_at', 'stopped_at'],
});
