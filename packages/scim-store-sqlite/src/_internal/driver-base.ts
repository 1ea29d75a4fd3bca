import type { Driver, DriverStatement, SqlRow, SqlValue } from '../driver.ts';
import { createTransactor } from './transaction.ts';

/** The statement shape all three libraries share (results typed loosely on purpose). */
export interface NativeStatement {
  run(...params: never[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: never[]): unknown;
  all(...params: never[]): unknown[];
  iterate(...params: never[]): IterableIterator<unknown>;
}

/** The database shape all three libraries share. */
export interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

/**
 * One driver for every library: they differ only in details (bun:sqlite returns `null` for
 * no row; changes may be a bigint), which this irons out.
 */
export function wrapNativeDatabase(name: string, database: NativeDatabase): Driver {
  const exec = (sql: string): void => {
    database.exec(sql);
  };
  return {
    name,
    prepare: (sql) => wrapStatement(database.prepare(sql)),
    exec,
    transaction: createTransactor(exec),
    close: () => {
      database.close();
    },
  };
}

function wrapStatement(statement: NativeStatement): DriverStatement {
  const call = statement as unknown as {
    run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
    get(...params: SqlValue[]): SqlRow | null | undefined;
    all(...params: SqlValue[]): SqlRow[];
    iterate(...params: SqlValue[]): IterableIterator<SqlRow>;
  };
  return {
    run: (...params) => {
      const result = call.run(...params);
      return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
    },
    get: (...params) => call.get(...params) ?? undefined,
    all: (...params) => call.all(...params),
    iterate: (...params) => call.iterate(...params),
  };
}

/** Creates the directory of a database file, so that `./data/scim.db` works on a fresh checkout. */
export function ensureDirectory(filename: string): void {
  if (filename === '' || filename === ':memory:' || filename.startsWith('file:')) return;
  const fs = getBuiltin<{ mkdirSync(path: string, options: { recursive: true }): unknown }>('node:fs');
  const path = getBuiltin<{ dirname(path: string): string }>('node:path');
  if (fs === undefined || path === undefined) return;
  fs.mkdirSync(path.dirname(filename), { recursive: true });
}

/** A Node built-in module, without a static import (Node ≥ 20.16, Bun and Deno all provide this). */
export function getBuiltin<T>(id: string): T | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return runtime?.getBuiltinModule?.(id) as T | undefined;
}
