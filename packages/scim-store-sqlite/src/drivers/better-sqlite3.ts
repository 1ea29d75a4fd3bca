import { ensureDirectory, type NativeDatabase, wrapNativeDatabase } from '../_internal/driver-base.ts';
import type { Driver } from '../driver.ts';

/** The part of a better-sqlite3 `Database` the driver uses (structural, so its types stay optional). */
export interface BetterSqlite3Database extends NativeDatabase {
  pragma?: unknown;
}

/** Wraps a better-sqlite3 database you already opened. */
export function betterSqlite3Driver(database: BetterSqlite3Database): Driver {
  return wrapNativeDatabase('better-sqlite3', database);
}

/**
 * Opens `filename` with better-sqlite3 (an optional peer dependency, imported only here and
 * only when called). `:memory:` opens a private in-memory database.
 */
export async function openBetterSqlite3(filename: string): Promise<Driver> {
  let Database: new (filename: string) => BetterSqlite3Database;
  try {
    const module = (await import('better-sqlite3')) as unknown as {
      default: new (filename: string) => BetterSqlite3Database;
    };
    Database = module.default;
  } catch (error) {
    throw new Error(
      '[scim-store-sqlite] [better-sqlite3] Could not load better-sqlite3: expected the optional peer dependency to be installed (npm install better-sqlite3@^12). On Node 22.5+ you can use node:sqlite instead (@scimkit/store-sqlite/node-sqlite).',
      { cause: error },
    );
  }
  ensureDirectory(filename);
  return betterSqlite3Driver(new Database(filename));
}
