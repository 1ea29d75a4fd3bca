import { storeWith } from '../_internal/store-with.ts';
import type { SqliteStore, StoreOptions } from '../core.ts';
import { openBunSqlite } from '../drivers/bun-sqlite.ts';

export * from '../core.ts';

/** A SQLite `ScimStore` (Bun: `{ filename }` opens with the built-in bun:sqlite). */
export function createSqliteStore(options: StoreOptions): SqliteStore {
  return storeWith(options, openBunSqlite);
}
