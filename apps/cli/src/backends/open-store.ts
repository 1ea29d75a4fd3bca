import type { ScimStore } from '@scimkit/schema';
import { CliError } from '../errors.ts';

/**
 * Opens the SQLite store on `path` (created, with its directory, when missing). The store
 * package's export conditions pick the runtime's driver (better-sqlite3 on Node).
 */
export async function openStoreAt(path: string): Promise<ScimStore> {
  const { createSqliteStore } = await import('@scimkit/store-sqlite');
  const store = createSqliteStore({ filename: path });
  try {
    // The store opens lazily: one read surfaces a bad path, a locked or foreign file now.
    await store.listTenants();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new CliError(
      `Could not open the database ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'Check the path and permissions; on Node 20 the better-sqlite3 package must be installed.',
        cause: error,
      },
    );
  }
  return store;
}
