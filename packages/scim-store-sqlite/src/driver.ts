/** A value SQLite can bind or return. Booleans are bound as 0/1 by the store itself. */
export type SqlValue = string | number | bigint | Uint8Array | null;

/** One result row, by column name. */
export type SqlRow = Record<string, SqlValue>;

/** A prepared statement: positional `?` parameters only. */
export interface DriverStatement {
  /** `lastInsertRowid` is the rowid of the row an INSERT added. */
  run(...params: SqlValue[]): { changes: number; lastInsertRowid: number };
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  /** Rows one at a time, so a large result never sits in memory at once. */
  iterate(...params: SqlValue[]): IterableIterator<SqlRow>;
}

/**
 * The small synchronous contract the store is written against. Each adapter
 * (better-sqlite3, bun:sqlite, node:sqlite) is a thin mapping onto it, and a caller may
 * bring their own. Errors thrown by a driver should be classifiable by `classifySqliteError`
 * (an extended result code in `code`, or SQLite's own message).
 */
export interface Driver {
  /** Shown in error messages: `[scim-store-sqlite] [<name>] …`. */
  readonly name: string;
  prepare(sql: string): DriverStatement;
  /** Runs one or more statements without parameters (DDL, PRAGMAs). */
  exec(sql: string): void;
  /**
   * Runs `fn` in a transaction: `immediate` takes the write lock up front, so that two
   * connections never deadlock upgrading a read lock; `deferred` is for consistent reads.
   * Nested calls become savepoints.
   */
  transaction<T>(fn: () => T, mode?: 'immediate' | 'deferred'): T;
  close(): void;
}

/** Something that opens a driver, possibly asynchronously (lazy imports). */
export type DriverFactory = () => Driver | Promise<Driver>;
