import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entraUser } from '@scimkit/test-utils';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS, migrate } from '../src/_internal/migrations.ts';
import { betterSqlite3Driver } from '../src/drivers/better-sqlite3.ts';
import { createSqliteStore } from '../src/entries/node.ts';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'scim-migrations-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function pragma(filename: string, name: string): unknown {
  const db = new Database(filename, { readonly: true });
  try {
    return db.pragma(name, { simple: true });
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('numbers its migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: MIGRATIONS.length }, (_, index) => index + 1),
    );
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('brings an empty file to the latest schema on open, in WAL mode', async () => {
    const filename = join(directory, 'fresh.db');
    const store = createSqliteStore({ filename });
    await store.open();
    await store.close();
    expect(pragma(filename, 'user_version')).toBe(LATEST_VERSION);
    expect(pragma(filename, 'application_id')).toBe(APPLICATION_ID);
    expect(pragma(filename, 'journal_mode')).toBe('wal');
  });

  it('migrates a database of the previous schema, keeping its data and backfilling the email index', async () => {
    const filename = join(directory, 'previous.db');
    // A database at version 1, with data written by the code of that version.
    const driver = betterSqlite3Driver(new Database(filename));
    driver.exec('PRAGMA foreign_keys = ON');
    expect(migrate(driver, 1)).toEqual({ from: 0, to: 1 });
    driver.exec(`
      INSERT INTO tenants (id, name, created_at) VALUES ('acme', 'Acme', '2025-01-01T00:00:00.000Z');
      INSERT INTO resources (tenant, type, id, version, created, modified, name_key, display, doc, folded)
      VALUES (1, 'User', '6a3c0c6e-0000-4000-8000-000000000001', 3, '2025-01-01T00:00:00.000Z',
        '2025-01-02T00:00:00.000Z', 'ann@contoso.com', NULL,
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Ann@Contoso.com","emails":[{"value":"Ann@Contoso.com","type":"work"}]}',
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ann@contoso.com","emails":[{"value":"ann@contoso.com","type":"work"}]}');
    `);
    driver.close();
    expect(pragma(filename, 'user_version')).toBe(1);

    const store = createSqliteStore({ filename });
    const ctx = { tenantId: 'acme' };
    const user = await store.get(ctx, 'User', '6a3c0c6e-0000-4000-8000-000000000001');
    expect(user?.userName).toBe('Ann@Contoso.com');
    expect(user?.meta.version).toBe('W/"3"');
    const filter = 'emails[type eq "work"].value eq "ANN@contoso.com"';
    expect((await store.query(ctx, 'User', { filter })).totalResults).toBe(1);
    expect((await store.explainQuery(ctx, 'User', { filter })).join('\n')).toContain('email_index');
    await store.create(ctx, 'User', entraUser('bob.ray'));
    await store.create(ctx, 'User', entraUser('eve.ng', { title: 'ÄRZTIN' }));
    // Rows of both forms answer alike: a folded copy written by version 1, none for an ASCII
    // document since version 3, one again for a document with a capital beyond ASCII.
    expect((await store.query(ctx, 'User', { filter: 'emails.value co "ANN@"' })).totalResults).toBe(1);
    expect((await store.query(ctx, 'User', { filter: 'name.givenName eq "BOB"' })).totalResults).toBe(1);
    expect((await store.query(ctx, 'User', { filter: 'title eq "ärztin"' })).totalResults).toBe(1);
    await store.close();
    expect(pragma(filename, 'user_version')).toBe(LATEST_VERSION);
    const db = new Database(filename, { readonly: true });
    const folded = db.prepare('SELECT name_key, folded FROM resources ORDER BY pk').all() as {
      name_key: string;
      folded: string;
    }[];
    db.close();
    expect(folded.map((row) => row.name_key)).toEqual([
      'ann@contoso.com',
      'bob.ray@contoso.com',
      'eve.ng@contoso.com',
    ]);
    expect(folded[1]!.folded).toBe('');
    expect(JSON.parse(folded[2]!.folded)).toMatchObject({ title: 'ärztin', userName: 'eve.ng@contoso.com' });
  });

  it('does nothing when the schema is current', () => {
    const driver = betterSqlite3Driver(new Database(':memory:'));
    expect(migrate(driver)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(migrate(driver)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    driver.close();
  });

  it('refuses a database written by a newer version', async () => {
    const filename = join(directory, 'newer.db');
    const db = new Database(filename);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    await expect(createSqliteStore({ filename }).open()).rejects.toThrow(
      /\[scim-store-sqlite\] \[better-sqlite3\] The database schema is version \d+, newer than this build/,
    );
  });

  it('refuses a SQLite file that is not a scimkit database', async () => {
    const filename = join(directory, 'foreign.db');
    const db = new Database(filename);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    db.close();
    await expect(createSqliteStore({ filename }).open()).rejects.toThrow(/not create/);
    const other = new Database(join(directory, 'other-app.db'));
    other.pragma('application_id = 42');
    other.close();
    await expect(createSqliteStore({ filename: join(directory, 'other-app.db') }).open()).rejects.toThrow(
      /not a scimkit database/,
    );
  });

  it('migrates once when two connections open a fresh file', async () => {
    const filename = join(directory, 'twice.db');
    const first = createSqliteStore({ filename });
    const second = createSqliteStore({ filename });
    await Promise.all([first.open(), second.open()]);
    await first.createTenant({ name: 'Acme' });
    expect(await second.listTenants()).toHaveLength(1);
    await first.close();
    await second.close();
  });
});
