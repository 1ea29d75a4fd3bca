import type { ScimStore } from '@scimkit/schema';
import { createSqliteStore } from '@scimkit/store-sqlite';

/** Where and how to open the embedded database. */
export interface DatabaseOptions {
  path: string;
  durability: 'full' | 'normal';
  defaultPageSize: number;
  maxPageSize: number;
}

/**
 * Opens the embedded SQLite store. The package's export conditions pick the driver of the
 * running runtime: better-sqlite3 on Node, bun:sqlite on Bun, node:sqlite on Deno.
 */
export async function openDatabase(options: DatabaseOptions): Promise<ScimStore> {
  const store = createSqliteStore({
    filename: options.path,
    durability: options.durability,
    defaultCount: options.defaultPageSize,
    maxResults: options.maxPageSize,
  });
  // The store opens lazily; a first read surfaces a bad path or a locked file at start.
  await store.listTenants();
  return store;
}
