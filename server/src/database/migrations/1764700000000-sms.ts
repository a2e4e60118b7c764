import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

const at = (name: string, isNullable = false) => ({
  name,
  type: 'datetime',
  precision: 6,
  isNullable,
});

/**
 * Text messages: the units' duty phones, the hotline caller's consent, the outbox of SMS to send,
 * and the hotline desk's 回访 of a closed report.
 */
export class Sms1764700000000 implements MigrationInterface {
  name = 'Sms1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'units',
      new TableColumn({ name: 'duty_phone', type: 'varchar', length: '20', isNullable: true }),
    );
    await queryRunner.addColumns('reports', [
      new TableColumn({ name: 'reporter_sms_consent', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'callback_score', type: 'integer', isNullable: true }),
      new TableColumn({
        name: 'callback_comment',
        type: 'varchar',
        length: '500',
        isNullable: true,
      }),
      new TableColumn({ name: 'called_back_at', type: 'datetime', precision: 6, isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'sms_messages',
        columns: [
          id(),
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'phone_sealed', type: 'text' },
          uuidRef('report_id'),
          uuidRef('order_id', true),
          { name: 'params', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          at('next_attempt_at'),
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'provider_serial', type: 'varchar', length: '64', isNullable: true },
          createdAt(),
          at('sent_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_sms_messages_status_next_attempt',
            columnNames: ['status', 'next_attempt_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sms_messages');
    await queryRunner.dropColumns('reports', [
      'reporter_sms_consent',
      'callback_score',
      'callback_comment',
      'called_back_at',
    ]);
    await queryRunner.dropColumn('units', 'duty_phone');
  }
}
