import { storeWith } from '../_internal/store-with.ts';
import type { SqliteStore, StoreOptions } from '../core.ts';
import { openBetterSqlite3 } from '../drivers/better-sqlite3.ts';

export * from '../core.ts';

/**
 * A SQLite `ScimStore` (Node: `{ filename }` opens with better-sqlite3, an optional peer
 * dependency; pass `{ driver }` for node:sqlite or your own).
 */
export function createSqliteStore(options: StoreOptions): SqliteStore {
  return storeWith(options, openBetterSqlite3);
}
