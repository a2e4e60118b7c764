import { QueryResult, type EntityManager, type QueryRunner } from 'typeorm';

/** A statement whose answer nobody reads: held to go to the database with others. */
interface HeldStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** `QueryRunner.query` as the write-behind calls it: positional values, any answer. */
type Send = (sql: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;

/**
 * The statements TypeORM opens a MariaDB transaction with: their answer is an OK nobody reads, and
 * a failure of theirs fails the statement they go with as surely as if they had gone alone.
 */
const OPENING = /^(START TRANSACTION|SET TRANSACTION ISOLATION LEVEL [A-Z ]+)$/;

/** The write-behind open on each query runner, while its transaction runs. */
const opened = new WeakMap<QueryRunner, WriteBehind>();

/**
 * The answer a query of one statement gives (`QueryRunner.query`), from the answer of several
 * sent in one query: its last statement's, shaped as TypeORM's MariaDB query runner shapes it.
 */
function lastAnswer(answer: QueryResult, structured: boolean | undefined): unknown {
  const raw: unknown = Array.isArray(answer.raw) ? answer.raw.at(-1) : answer.raw;
  if (!structured) return raw;
  const result = new QueryResult();
  result.raw = raw;
  if (Array.isArray(raw)) result.records = [...(raw as unknown[])];
  const affected = (raw as { affectedRows?: unknown } | null)?.affectedRows;
  if (typeof affected === 'number') result.affected = affected;
  return result;
}

/**
 * Writes of one transaction that nothing reads the answer of (inserts of new rows, the stored
 * answer of an idempotency key, the audit head's move, the kept counts), held and sent to MariaDB
 * in one query with the next statement the transaction runs, whatever it is: a read, the lock of
 * the audit head, the commit. An intake's two dozen statements thus cost eight round trips
 * (issue 17: socket writes were 30 % of the server's CPU under load), and the audit head is held
 * for two of them. Every statement still sees every write made before it, in order, as if each
 * had been sent at once; a rollback drops what is held unsent. A held write that fails fails the
 * statement it went with, which therefore did not run, and every statement after it, the commit
 * too, fails with the same error: work that catches the first failure cannot commit what was
 * left half written. Only where
 * the pool allows several statements per query (MariaDB; SQLite runs each write at once, and has
 * no round trips to save).
 */
export class WriteBehind {
  private held: HeldStatement[] = [];
  /** The error of a query that carried held writes: the transaction can only roll back now. */
  private failure: { error: unknown } | null = null;
  private readonly original: QueryRunner['query'];
  private readonly send: Send;
  private readonly stream: QueryRunner['stream'];

  private constructor(private readonly queryRunner: QueryRunner) {
    this.original = queryRunner.query;
    this.send = queryRunner.query.bind(queryRunner) as Send;
    this.stream = queryRunner.stream.bind(queryRunner);
    const query: Send = (sql, parameters, structured) => this.query(sql, parameters, structured);
    queryRunner.query = query as QueryRunner['query'];
    queryRunner.stream = async (...call: Parameters<QueryRunner['stream']>) => {
      await this.flush();
      return this.stream(...call);
    };
  }

  /**
   * Holds the writes of the transaction `queryRunner` is about to start, from its opening
   * statements (`START TRANSACTION`, an isolation level) until it commits or rolls back: a
   * transaction's first round trip carries its start. MariaDB only: SQLite writes at once.
   */
  static open(queryRunner: QueryRunner): WriteBehind {
    const writes = new WriteBehind(queryRunner);
    opened.set(queryRunner, writes);
    return writes;
  }

  hold(statement: HeldStatement): void {
    this.held.push(statement);
  }

  /** Sends what is held, alone (before a stream, which cannot carry it). */
  private async flush(): Promise<void> {
    if (this.failure) throw this.failure.error;
    const statements = this.held;
    this.held = [];
    if (statements.length === 0) return;
    await this.carrying(() =>
      this.send(
        statements.map((statement) => statement.sql).join(';\n'),
        statements.flatMap((statement) => statement.parameters),
      ),
    );
  }

  /** `send`, remembering its failure for every later statement of the transaction. */
  private async carrying(send: () => Promise<unknown>): Promise<unknown> {
    try {
      return await send();
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  /** `sql` sent with what is held before it; the transaction's end closes the write-behind. */
  private async query(sql: string, parameters?: unknown[], structured?: boolean): Promise<unknown> {
    if (OPENING.test(sql) && !parameters?.length && !this.failure) {
      this.held.push({ sql, parameters: [] });
      return structured ? new QueryResult() : undefined;
    }
    const ending = sql === 'COMMIT' || sql === 'ROLLBACK';
    const statements = sql === 'ROLLBACK' ? [] : this.held;
    this.held = [];
    try {
      if (this.failure && sql !== 'ROLLBACK') throw this.failure.error;
      if (statements.length === 0) return await this.send(sql, parameters, structured);
      const answer = (await this.carrying(() =>
        this.send(
          [...statements.map((statement) => statement.sql), sql].join(';\n'),
          [...statements.flatMap((statement) => statement.parameters), ...(parameters ?? [])],
          true,
        ),
      )) as QueryResult;
      return lastAnswer(answer, structured);
    } finally {
      if (ending) this.close();
    }
  }

  private close(): void {
    this.held = [];
    opened.delete(this.queryRunner);
    this.queryRunner.query = this.original;
    this.queryRunner.stream = this.stream;
  }
}

/**
 * Runs `sql` in `manager`'s transaction when its answer is not needed: held to go with the
 * transaction's next statement when it holds writes (`WriteBehind`), else at once. Never for a
 * statement whose failure a caller catches (a unique key claimed): it would fail later, with
 * another statement.
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
