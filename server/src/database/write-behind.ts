import type { EntityManager, QueryRunner } from 'typeorm';

/** A statement whose answer nobody reads: held to go to the database with others. */
interface HeldStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** The statements each open write-behind holds, by the query runner of its transaction. */
const opened = new WeakMap<QueryRunner, WriteBehind>();

/**
 * Writes of one transaction that nothing reads the answer of (inserts of new rows, the stored
 * answer of an idempotency key, the audit head's move), held and sent to MariaDB together as one
 * multi-statement query, so that an intake's dozen inserts cost one round trip instead of a dozen
 * (issue 17: socket writes were 30 % of the server's CPU under load). Any other statement the
 * transaction runs first sends what is held, in order, so every statement sees every write made
 * before it, as if each had been sent at once; the runner sends the rest before it commits, and
 * a rollback drops them unsent. A held write that fails fails the statement that sent it, and the
 * transaction with it. Only where the pool allows several statements per query (MariaDB; SQLite
 * runs each at once, and has no round trips to save).
 */
export class WriteBehind {
  private held: HeldStatement[] = [];
  private readonly send: QueryRunner['query'];
  private readonly stream: QueryRunner['stream'];

  private constructor(private readonly queryRunner: QueryRunner) {
    this.send = queryRunner.query.bind(queryRunner);
    this.stream = queryRunner.stream.bind(queryRunner);
    queryRunner.query = async (...call: Parameters<QueryRunner['query']>) => {
      await this.flush();
      return this.send(...call);
    };
    queryRunner.stream = async (...call: Parameters<QueryRunner['stream']>) => {
      await this.flush();
      return this.stream(...call);
    };
  }

  /**
   * Holds the writes of the transaction `manager` runs from now until `close`; null where writes
   * cannot be held (SQLite, or a manager in no transaction), and then they go at once.
   */
  static open(manager: EntityManager): WriteBehind | null {
    const { queryRunner } = manager;
    if (!queryRunner || manager.connection.options.type === 'better-sqlite3') return null;
    const writes = new WriteBehind(queryRunner);
    opened.set(queryRunner, writes);
    return writes;
  }

  /** Sends the held writes, in the order they were held, as one query. */
  async flush(): Promise<void> {
    if (this.held.length === 0) return;
    const statements = this.held;
    this.held = [];
    await this.send(
      statements.map((statement) => statement.sql).join(';\n'),
      statements.flatMap((statement) => statement.parameters),
    );
  }

  /** Stops holding and drops what is still held (the transaction rolled back, or was flushed). */
  close(): void {
    this.held = [];
    opened.delete(this.queryRunner);
    this.queryRunner.query = this.send;
    this.queryRunner.stream = this.stream;
  }

  hold(statement: HeldStatement): void {
    this.held.push(statement);
  }
}

/**
 * Runs `sql` in `manager`'s transaction when its answer is not needed: held with the others when
 * the transaction holds writes (`WriteBehind`), else at once. Never for a statement whose failure
 * a caller catches (a unique key claimed), since it would fail later, in another statement.
 */
export async function writeLater(
  manager: EntityManager,
  sql: string,
  parameters: readonly unknown[],
): Promise<void> {
  const writes = manager.queryRunner ? opened.get(manager.queryRunner) : undefined;
  if (writes) writes.hold({ sql, parameters });
  else await manager.query(sql, [...parameters]);
}
