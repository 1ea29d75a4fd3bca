import { storeWith } from '../_internal/store-with.ts';
import type { SqliteStore, StoreOptions } from '../core.ts';
import { openNodeSqlite } from '../drivers/node-sqlite.ts';

export * from '../core.ts';

/** A SQLite `ScimStore` (Deno: `{ filename }` opens with the built-in node:sqlite). */
export function createSqliteStore(options: StoreOptions): SqliteStore {
  return storeWith(options, openNodeSqlite);
}
