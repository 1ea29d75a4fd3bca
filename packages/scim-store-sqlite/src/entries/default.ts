import { storeWith } from '../_internal/store-with.ts';
import type { SqliteStore, StoreOptions } from '../core.ts';

export * from '../core.ts';

/**
 * A SQLite `ScimStore` for a runtime this package does not recognise: `{ driver }` works,
 * `{ filename }` cannot pick a driver and says so.
 */
export function createSqliteStore(options: StoreOptions): SqliteStore {
  return storeWith(options, () => {
    throw new Error(
      '[scim-store-sqlite] [none] No SQLite driver is known for this runtime: expected Node (better-sqlite3), Bun (bun:sqlite) or Deno (node:sqlite), found none of them. Pass { driver } from @scimkit/store-sqlite/better-sqlite3, /bun-sqlite or /node-sqlite, or your own Driver.',
    );
  });
}
