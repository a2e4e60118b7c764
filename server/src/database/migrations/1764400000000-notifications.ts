import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

const at = (name: string, isNullable = false) => ({
  name,
  type: 'datetime',
  precision: 6,
  isNullable,
});

/** WeChat subscribe messages: what each reporter accepted, and the outbox of messages to send. */
export class Notifications1764400000000 implements MigrationInterface {
  name = 'Notifications1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_subscriptions',
        columns: [
          id(),
          uuidRef('report_id'),
          uuidRef('user_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'remaining', type: 'integer' },
          at('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_report_subscriptions_report_user_kind',
            columnNames: ['report_id', 'user_id', 'kind'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id(),
          uuidRef('user_id'),
          uuidRef('report_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'template_id', type: 'varchar', length: '64' },
          { name: 'page', type: 'varchar', length: '255' },
          { name: 'data', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          at('next_attempt_at'),
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          createdAt(),
          at('sent_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_notifications_status_next_attempt',
            columnNames: ['status', 'next_attempt_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
    await queryRunner.dropTable('report_subscriptions');
  }
}
