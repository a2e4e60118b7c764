/**
 * Fills an empty `order_counts` from the orders, grouped as `OrderCountsRepository` keeps them (a
 * unit's id, `''` for none; the division code): the bench's history runs it after writing its
 * orders with SQL of its own. Migration 1765207000000 fills the table with the same statement,
 * its own copy (a migration is history and imports no live code). Plain SQL, the same on MariaDB
 * and SQLite.
 */
export const FILL_ORDER_COUNTS_SQL = `INSERT INTO order_counts (unit_key, division_code, n)
  SELECT COALESCE(unit_id, ''), division_code, COUNT(*) FROM orders
  GROUP BY COALESCE(unit_id, ''), division_code`;
