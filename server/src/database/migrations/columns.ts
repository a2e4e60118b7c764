import type { TableColumnOptions } from 'typeorm';

/** uuid primary keys are varchar(36): portable, and what `@PrimaryGeneratedColumn('uuid')` maps to. */
export function id(): TableColumnOptions {
  return { name: 'id', type: 'varchar', length: '36', isPrimary: true };
}

export function uuidRef(name: string, isNullable = false): TableColumnOptions {
  return { name, type: 'varchar', length: '36', isNullable };
}

export function createdAt(): TableColumnOptions {
  return { name: 'created_at', type: 'datetime', precision: 6 };
}
