import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { uuidRef } from './columns';

/**
 * Duty-phone messages name the unit, whose phone is read when the message is sent (an admin may
 * change or remove it while the message waits), so the sealed phone is kept only for callers; and
 * an escalation is texted once per report, stage and unit (`dedup_key`).
 */
export class SmsDutyUnits1764750000000 implements MigrationInterface {
  name = 'SmsDutyUnits1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('sms_messages', [
      new TableColumn(uuidRef('unit_id', true)),
      new TableColumn({ name: 'dedup_key', type: 'varchar', length: '120', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'sms_messages',
      new TableIndex({
        name: 'UQ_sms_messages_dedup_key',
        columnNames: ['dedup_key'],
        isUnique: true,
      }),
    );
    await this.phoneSealedNullable(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM sms_messages WHERE phone_sealed IS NULL`);
    await this.phoneSealedNullable(queryRunner, false);
    await queryRunner.dropIndex('sms_messages', 'UQ_sms_messages_dedup_key');
    await queryRunner.dropColumns('sms_messages', ['unit_id', 'dedup_key']);
  }

  private async phoneSealedNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'better-sqlite3') {
      // SQLite rebuilds the table and copies its rows.
      await queryRunner.changeColumn(
        'sms_messages',
        'phone_sealed',
        new TableColumn({ name: 'phone_sealed', type: 'text', isNullable: nullable }),
      );
      return;
    }
    // MODIFY keeps the rows whatever TypeORM's changeColumn would decide to do.
    await queryRunner.query(
      `ALTER TABLE \`sms_messages\` MODIFY \`phone_sealed\` text ${nullable ? 'NULL' : 'NOT NULL'}`,
    );
  }
}
