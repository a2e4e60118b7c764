import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

/** Units with their division prefixes, memberships and invitations, and the chained audit log. */
export class AccountsUnitsAudit1764000000000 implements MigrationInterface {
  name = 'AccountsUnitsAudit1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'department', type: 'varchar', length: '16' },
          uuidRef('parent_id', true),
          createdAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'unit_divisions',
        columns: [
          { ...uuidRef('unit_id'), isPrimary: true },
          { name: 'division_prefix', type: 'varchar', length: '12', isPrimary: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_unit_divisions_prefix', columnNames: ['division_prefix'] }),
        ],
      }),
    );

    await queryRunner.dropColumn('users', 'roles');
    await queryRunner.addColumns('users', [
      new TableColumn(uuidRef('unit_id', true)),
      new TableColumn({ name: 'unit_role', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'org_name', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'org_type', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'hotline_operator', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'disabled', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'token_version', type: 'integer', default: 0 }),
    ]);
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'IDX_users_unit', columnNames: ['unit_id'] }),
    );

    await queryRunner.addColumns('reports', [
      new TableColumn({
        name: 'reporter_org_name',
        type: 'varchar',
        length: '100',
        isNullable: true,
      }),
      new TableColumn({
        name: 'reporter_org_type',
        type: 'varchar',
        length: '32',
        isNullable: true,
      }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'invites',
        columns: [
          id(),
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'role', type: 'varchar', length: '32' },
          uuidRef('unit_id', true),
          { name: 'org_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'org_type', type: 'varchar', length: '32', isNullable: true },
          uuidRef('created_by'),
          createdAt(),
          { name: 'expires_at', type: 'datetime', precision: 6 },
          uuidRef('redeemed_by', true),
          { name: 'redeemed_at', type: 'datetime', precision: 6, isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_invites_code_hash',
            columnNames: ['code_hash'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'at', type: 'datetime', precision: 6 },
          uuidRef('actor_user_id', true),
          { name: 'actor_roles', type: 'varchar', length: '255' },
          uuidRef('actor_unit_id', true),
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32' },
          { name: 'target_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'division_code', type: 'varchar', length: '12', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_log_division', columnNames: ['division_code'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    // The genesis hash as it was when this migration was written (audit-chain's GENESIS_HASH):
    // a migration is history and must not change when live code does.
    await queryRunner.query(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_head');
    await queryRunner.dropTable('audit_log');
    await queryRunner.dropTable('invites');
    await queryRunner.dropColumns('reports', ['reporter_org_name', 'reporter_org_type']);
    await queryRunner.dropIndex('users', 'IDX_users_unit');
    await queryRunner.dropColumns('users', [
      'unit_id',
      'unit_role',
      'org_name',
      'org_type',
      'hotline_operator',
      'disabled',
      'token_version',
    ]);
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'roles', type: 'varchar', length: '255', default: "'reporter'" }),
    );
    await queryRunner.dropTable('unit_divisions');
    await queryRunner.dropTable('units');
  }
}
