import type { ScimStore } from '@scimkit/schema';
import { createSqliteStore } from '@scimkit/store-sqlite';

/** A fresh, empty SQLite store (in memory) for one test. */
export async function makeStore(): Promise<ScimStore> {
  return createSqliteStore({ filename: ':memory:' });
}
