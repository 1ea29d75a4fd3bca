import {
  ensureDirectory,
  getBuiltin,
  type NativeDatabase,
  wrapNativeDatabase,
} from '../_internal/driver-base.ts';
import type { Driver } from '../driver.ts';

/** The part of a node:sqlite `DatabaseSync` the driver uses. */
export type NodeSqliteDatabase = NativeDatabase;

/** Wraps a node:sqlite `DatabaseSync` you already opened. */
export function nodeSqliteDriver(database: NodeSqliteDatabase): Driver {
  return wrapNativeDatabase('node:sqlite', database);
}

/**
 * Opens `filename` with the runtime's built-in `node:sqlite` (Deno 2.2+, Node 22.5+), loaded
 * through `process.getBuiltinModule` so that nothing imports it statically.
 */
export function openNodeSqlite(filename: string): Driver {
  const sqlite = getBuiltin<{ DatabaseSync: new (filename: string) => NodeSqliteDatabase }>('node:sqlite');
  if (sqlite === undefined) {
    throw new Error(
      '[scim-store-sqlite] [node:sqlite] node:sqlite is not available: expected Deno 2.2+ or Node 22.5+, found a runtime without it. On Node 20 use better-sqlite3 (@scimkit/store-sqlite/better-sqlite3).',
    );
  }
  ensureDirectory(filename);
  return nodeSqliteDriver(new sqlite.DatabaseSync(filename));
}
