/** True when an insert failed because a unique key already holds the value (MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown; errno?: unknown } } | null)
    ?.driverError;
  const code = driverError?.code;
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
