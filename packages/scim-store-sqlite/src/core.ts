/**
 * What every entry of `@scimkit/store-sqlite` exports: the store, the driver contract and
 * the migrations. The entries (`entries/{node,bun,deno}.ts`) add `createSqliteStore` with
 * their runtime's default driver for `{ filename }`.
 */

export {
  LATEST_VERSION,
  MIGRATIONS,
  type Migration,
  type MigrationResult,
  migrate,
} from './_internal/migrations.ts';
export { classifySqliteError, type SqliteErrorKind } from './_internal/sqlite-error.ts';
export type { Driver, DriverFactory, DriverStatement, SqlRow, SqlValue } from './driver.ts';
export { SqliteStore, type SqliteStoreOptions } from './store.ts';

import type { SqliteStoreOptions } from './store.ts';

/** A store on a database file, opened by the runtime's default driver. */
export type FileStoreOptions = Omit<SqliteStoreOptions, 'driver'> & {
  /** Path of the database file; `:memory:` for a private in-memory database. */
  filename: string;
};

/** `{ driver }` to bring your own, or `{ filename }` for the runtime's default driver. */
export type StoreOptions = SqliteStoreOptions | FileStoreOptions;
