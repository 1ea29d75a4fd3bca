import { describe, expect, it } from 'bun:test';
import { createSqliteStore } from '@scimkit/store-sqlite';
import { describeStore } from '@scimkit/test-utils';

// Through the package's own exports: under Bun, "." must resolve to the bun:sqlite entry.
describeStore(
  'SQLite on bun:sqlite (Bun)',
  { makeStore: () => createSqliteStore({ filename: ':memory:' }) },
  {
    describe,
    it,
  },
);

describe('the Bun entry', () => {
  it('opens files with bun:sqlite', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.open();
    expect(store.driverName).toBe('bun:sqlite');
    await store.close();
  });
});
