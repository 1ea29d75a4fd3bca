import { isScimError, ScimError } from '@scimkit/schema';
import type { Driver, DriverStatement, SqlRow, SqlValue } from '../driver.ts';
import { later } from './later.ts';
import { classifySqliteError } from './sqlite-error.ts';

const STATEMENT_CACHE_SIZE = 256;

/**
 * The store's handle on a driver: prepared statements cached by SQL text (filters of the
 * same shape share one statement, their values are parameters) and driver errors turned
 * into `ScimError`s or prefixed errors.
 */
export class Db {
  readonly driver: Driver;
  readonly #statements = new Map<string, DriverStatement>();
  #state: 'idle' | 'read' | 'write' = 'idle';
  /** Values that hold for the shared read's snapshot, dropped when it ends (see `memoize`). */
  readonly #memo = new Map<string, unknown>();

  constructor(driver: Driver) {
    this.driver = driver;
  }

  statement(sql: string): DriverStatement {
    let statement = this.#statements.get(sql);
    if (statement !== undefined) {
      // Re-insert to keep the map in least-recently-used order.
      this.#statements.delete(sql);
    } else {
      statement = this.driver.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  run(sql: string, ...params: SqlValue[]): number {
    return this.statement(sql).run(...params).changes;
  }

  /** Runs an INSERT and returns the new row's rowid. */
  insert(sql: string, ...params: SqlValue[]): number {
    return this.statement(sql).run(...params).lastInsertRowid;
  }

  get<T = SqlRow>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T = SqlRow>(sql: string, ...params: SqlValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** A write transaction (`BEGIN IMMEDIATE`), or a savepoint inside one. */
  write<T>(fn: () => T): T {
    if (this.#state === 'write') return this.driver.transaction(fn, 'immediate');
    this.endRead();
    this.#state = 'write';
    try {
      return this.driver.transaction(fn, 'immediate');
    } finally {
      this.#state = 'idle';
    }
  }

  /**
   * Runs `fn` in a read transaction: every statement in it sees the same snapshot. Reads
   * share one transaction until the turn of the event loop ends or this connection writes:
   * a read transaction costs lock system calls at its start and end, and one SCIM request
   * reads several times in one turn (token, registry, query), as do the requests that
   * arrived with it. Another process's commits show from the next turn; this connection's
   * own writes end the shared snapshot first, so reads after a write see it.
   */
  read<T>(fn: () => T): T {
    if (this.#state === 'idle') {
      this.driver.exec('BEGIN DEFERRED');
      this.#state = 'read';
      later(() => this.endRead());
    }
    return fn();
  }

  /** Ends the shared read transaction, if one is open. */
  endRead(): void {
    if (this.#state !== 'read') return;
    this.#state = 'idle';
    this.#memo.clear();
    try {
      this.driver.exec('COMMIT');
    } catch {
      // Ending a read cannot lose data. SQLite may already have ended the transaction (after
      // an I/O error in it); a connection that is really broken fails its next statement.
    }
  }

  /**
   * Keeps `value` under `key` for as long as the shared read's snapshot lasts, so that the
   * turn's later reads need not read it again; outside a shared read nothing is kept.
   */
  memoize(key: string, value: unknown): void {
    if (this.#state === 'read') this.#memo.set(key, value);
  }

  /** What `memoize` kept under `key` for the current snapshot. */
  memoized<T>(key: string): T | undefined {
    return this.#memo.get(key) as T | undefined;
  }

  /** Turns anything a driver threw into what the store may throw. */
  toStoreError(error: unknown): Error {
    if (isScimError(error)) return error;
    const kind = classifySqliteError(error);
    if (kind === 'busy') {
      return ScimError.tooManyRequests(
        'The directory is busy with other writes: retry the request shortly.',
        1,
        { cause: error },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('[scim-store-sqlite]')) return error as Error;
    return new Error(`[scim-store-sqlite] [${this.driver.name}] ${message}`, { cause: error });
  }

  close(): void {
    this.endRead();
    this.#statements.clear();
    this.driver.close();
  }
}
