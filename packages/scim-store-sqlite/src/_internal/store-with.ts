import type { StoreOptions } from '../core.ts';
import type { DriverFactory } from '../driver.ts';
import { SqliteStore, type SqliteStoreOptions } from '../store.ts';

/** Builds a store, opening `{ filename }` with `open` (lazily, on first use). */
export function storeWith(
  options: StoreOptions,
  open: (filename: string) => ReturnType<DriverFactory>,
): SqliteStore {
  if (options !== null && typeof options === 'object' && 'filename' in options && !('driver' in options)) {
    const { filename, ...rest } = options;
    if (typeof filename !== 'string' || filename === '') {
      throw new TypeError(
        `[scim-store-sqlite] filename must be a path or ":memory:", found ${JSON.stringify(filename)}.`,
      );
    }
    return new SqliteStore({ ...rest, driver: () => open(filename) });
  }
  return new SqliteStore(options as SqliteStoreOptions);
}
