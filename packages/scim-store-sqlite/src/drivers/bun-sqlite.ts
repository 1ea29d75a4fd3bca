import { Database } from 'bun:sqlite';
import { ensureDirectory, type NativeDatabase, wrapNativeDatabase } from '../_internal/driver-base.ts';
import type { Driver } from '../driver.ts';

/** The part of a bun:sqlite `Database` the driver uses. */
export type BunSqliteDatabase = NativeDatabase;

/** Wraps a bun:sqlite database you already opened. */
export function bunSqliteDriver(database: BunSqliteDatabase): Driver {
  return wrapNativeDatabase('bun:sqlite', database);
}

/** Opens `filename` with Bun's built-in SQLite. `:memory:` opens a private in-memory database. */
export function openBunSqlite(filename: string): Driver {
  ensureDirectory(filename);
  return bunSqliteDriver(new Database(filename, { create: true, readwrite: true }));
}
