/**
 * Fills an empty `order_counts` from the orders, grouped as `OrderCountsRepository` keeps them (a
 * unit's id, `''` for none; the division code): the migration that creates the table runs it, and
 * so does the bench's history, which writes its orders with SQL of its own. Plain SQL, the same on
 * MariaDB and SQLite.
 */
export const FILL_ORDER_COUNTS_SQL = `INSERT INTO order_counts (unit_key, division_code, n)
  SELECT COALESCE(unit_id, ''), division_code, COUNT(*) FROM orders
  GROUP BY COALESCE(unit_id, ''), division_code`;
