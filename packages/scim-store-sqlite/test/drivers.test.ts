import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { classifySqliteError, uniqueColumns } from '../src/_internal/sqlite-error.ts';
import type { Driver } from '../src/driver.ts';
import { betterSqlite3Driver, openBetterSqlite3 } from '../src/drivers/better-sqlite3.ts';
import { openNodeSqlite } from '../src/drivers/node-sqlite.ts';
import { createSqliteStore as createDefaultStore } from '../src/entries/default.ts';
import { createSqliteStore } from '../src/entries/node.ts';

function table(): Driver {
  const driver = betterSqlite3Driver(new Database(':memory:'));
  driver.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)');
  return driver;
}

describe('the driver contract', () => {
  it('commits a transaction and returns its result', () => {
    const driver = table();
    const result = driver.transaction(
      () => driver.prepare('INSERT INTO t (name) VALUES (?)').run('a').changes,
    );
    expect(result).toBe(1);
    expect(driver.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('rolls a transaction back when its function throws', () => {
    const driver = table();
    expect(() =>
      driver.transaction(() => {
        driver.prepare('INSERT INTO t (name) VALUES (?)').run('a');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(driver.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('turns a nested transaction into a savepoint that rolls back alone', () => {
    const driver = table();
    driver.transaction(() => {
      driver.prepare('INSERT INTO t (name) VALUES (?)').run('outer');
      expect(() =>
        driver.transaction(() => {
          driver.prepare('INSERT INTO t (name) VALUES (?)').run('inner');
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(driver.prepare('SELECT name FROM t').all()).toEqual([{ name: 'outer' }]);
  });

  it('returns undefined, not null, when a statement finds no row, and iterates rows lazily', () => {
    const driver = table();
    expect(driver.prepare('SELECT * FROM t WHERE id = ?').get(1)).toBeUndefined();
    driver.prepare('INSERT INTO t (name) VALUES (?), (?)').run('a', 'b');
    expect([...driver.prepare('SELECT name FROM t ORDER BY id').iterate()]).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
  });
});

describe('SQLite errors', () => {
  it('classifies what every driver throws', () => {
    const driver = table();
    driver.prepare('INSERT INTO t (name) VALUES (?)').run('a');
    let unique: unknown;
    try {
      driver.prepare('INSERT INTO t (name) VALUES (?)').run('a');
    } catch (error) {
      unique = error;
    }
    expect(classifySqliteError(unique)).toBe('unique');
    expect(uniqueColumns(unique)).toEqual(['t.name']);
    // node:sqlite (Deno) carries only SQLite's message.
    expect(
      classifySqliteError({ code: 'ERR_SQLITE_ERROR', message: 'UNIQUE constraint failed: t.name' }),
    ).toBe('unique');
    expect(classifySqliteError({ code: 'SQLITE_BUSY', message: 'database is locked' })).toBe('busy');
    expect(classifySqliteError(new Error('database is locked'))).toBe('busy');
    expect(classifySqliteError({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' })).toBe('foreignKey');
    expect(classifySqliteError(new Error('no such table: x'))).toBe('other');
    expect(classifySqliteError('text')).toBe('other');
  });

  it('prefixes driver errors with the package and the driver', async () => {
    const store = createSqliteStore({
      driver: {
        ...betterSqlite3Driver(new Database(':memory:')),
        name: 'custom',
        exec: () => {
          throw new Error('disk I/O error');
        },
      },
    });
    await expect(store.open()).rejects.toThrow('[scim-store-sqlite] [custom] disk I/O error');
  });

  it('answers 429 with Retry-After when another connection holds the write lock too long', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'scim-busy-'));
    const filename = join(directory, 'busy.db');
    const store = createSqliteStore({ filename, busyTimeoutMs: 50 });
    await store.createTenant({ name: 'Acme' });
    const blocker = new Database(filename);
    blocker.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.create({ tenantId: 'acme' }, 'User', { userName: 'a' })).rejects.toMatchObject({
        status: 429,
        headers: { 'retry-after': '1' },
      });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    await store.create({ tenantId: 'acme' }, 'User', { userName: 'a' });
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('opening', () => {
  it('opens lazily, on first use, and once', async () => {
    let opened = 0;
    const store = createSqliteStore({
      driver: async () => {
        opened++;
        return openBetterSqlite3(':memory:');
      },
    });
    expect(opened).toBe(0);
    await Promise.all([store.listTenants(), store.listTenants()]);
    expect(opened).toBe(1);
    expect(store.driverName).toBe('better-sqlite3');
    await store.close();
    await expect(store.listTenants()).rejects.toThrow('The store is closed');
  });

  it('accepts a handle the caller already opened', async () => {
    const handle = new Database(':memory:');
    const store = createSqliteStore({ driver: betterSqlite3Driver(handle) });
    await store.createTenant({ name: 'Acme' });
    expect(handle.prepare('SELECT id FROM tenants').all()).toEqual([{ id: 'acme' }]);
    await store.close();
  });

  it('says clearly when node:sqlite is missing (Node 20), and opens it where it exists', () => {
    const hasNodeSqlite =
      (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite') !==
      undefined;
    if (hasNodeSqlite) expect(openNodeSqlite(':memory:').name).toBe('node:sqlite');
    else
      expect(() => openNodeSqlite(':memory:')).toThrow(
        /\[scim-store-sqlite\] \[node:sqlite\] node:sqlite is not available/,
      );
  });

  it('has a default entry that works with a driver and explains itself without one', async () => {
    const store = createDefaultStore({ filename: ':memory:' });
    await expect(store.open()).rejects.toThrow(/No SQLite driver is known for this runtime/);
    const withDriver = createDefaultStore({ driver: betterSqlite3Driver(new Database(':memory:')) });
    await withDriver.createTenant({ name: 'Acme' });
    await withDriver.close();
  });

  it('rejects options without a driver or a filename', () => {
    expect(() => createSqliteStore({} as never)).toThrow(/needs a driver/);
    expect(() => createSqliteStore({ filename: '' })).toThrow(/filename must be a path/);
  });
});
