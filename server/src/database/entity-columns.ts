import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

const insertable = new WeakMap<EntityMetadata, ColumnMetadata[]>();
const selectable = new WeakMap<EntityMetadata, ColumnMetadata[]>();

/** The entity's columns an insert may set, as TypeORM's own insert sets them; worked out once. */
export function insertableColumns(metadata: EntityMetadata): ColumnMetadata[] {
  return once(insertable, metadata, (column) => column.isInsert);
}

/** The columns a plain read of the entity selects, as TypeORM's `find` does; worked out once. */
export function selectableColumns(metadata: EntityMetadata): ColumnMetadata[] {
  return once(selectable, metadata, (column) => column.isSelect);
}

function once(
  cache: WeakMap<EntityMetadata, ColumnMetadata[]>,
  metadata: EntityMetadata,
  wanted: (column: ColumnMetadata) => boolean,
): ColumnMetadata[] {
  let columns = cache.get(metadata);
  if (!columns) {
    columns = metadata.columns.filter((column) => !column.isVirtual && wanted(column));
    cache.set(metadata, columns);
  }
  return columns;
}
