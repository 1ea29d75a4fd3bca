import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore } from '@scimkit/store-sqlite';
import { describeStore } from '@scimkit/test-utils';

// Through the package's own exports: under Deno, "." must resolve to the node:sqlite entry.
describeStore(
  'SQLite on node:sqlite (Deno)',
  { makeStore: () => createSqliteStore({ filename: ':memory:' }) },
  {
    describe,
    it,
  },
);

describe('the Deno entry', () => {
  it('opens files with node:sqlite', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.open();
    assert.equal(store.driverName, 'node:sqlite');
    await store.close();
  });
});
