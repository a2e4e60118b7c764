import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const COLUMNS = [
  { table: 'order_events', length: '2000' },
  { table: 'report_events', length: '500' },
];

/**
 * Timeline texts are composed from what people typed plus a prefix (已接触儿童：…, 您评价了 5 分：…,
 * 转办至<unit>：…), so a text at its limit overflowed varchar(2000) / varchar(500). `text` holds
 * 65,535 bytes on MariaDB, far above the longest composed text (a 2,000-character note of 4-byte
 * characters is 8,000 bytes).
 */
export class EventTexts1764600000000 implements MigrationInterface {
  name = 'EventTexts1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, length } of COLUMNS) {
      await widen(queryRunner, table, { type: 'varchar', length }, { type: 'text' });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, length } of COLUMNS) {
      await widen(queryRunner, table, { type: 'text' }, { type: 'varchar', length });
    }
  }
}

async function widen(
  queryRunner: QueryRunner,
  table: string,
  from: { type: string; length?: string },
  to: { type: string; length?: string },
): Promise<void> {
  if (queryRunner.connection.driver.options.type === 'better-sqlite3') {
    // SQLite rebuilds the table and copies its rows.
    await queryRunner.changeColumn(
      table,
      new TableColumn({ name: 'text', ...from }),
      new TableColumn({ name: 'text', ...to }),
    );
    return;
  }
  // TypeORM's MySQL changeColumn drops and re-adds a column whose type changes, losing every
  // timeline text; MODIFY keeps them.
  const type = to.length ? `varchar(${to.length})` : to.type;
  await queryRunner.query(`ALTER TABLE \`${table}\` MODIFY \`text\` ${type} NOT NULL`);
}
