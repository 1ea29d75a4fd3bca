import { describeStore } from '@scimkit/test-utils';
import Database from 'better-sqlite3';
import { describe, it } from 'vitest';
import { betterSqlite3Driver } from '../src/drivers/better-sqlite3.ts';
import { createSqliteStore } from '../src/entries/node.ts';

describeStore(
  'SQLite on better-sqlite3 (Node)',
  { makeStore: () => createSqliteStore({ filename: ':memory:' }) },
  {
    describe,
    it,
  },
);

describeStore(
  'SQLite on an injected better-sqlite3 handle',
  {
    makeStore: () =>
      createSqliteStore({ driver: betterSqlite3Driver(new Database(':memory:')), durability: 'normal' }),
  },
  { describe, it },
);
