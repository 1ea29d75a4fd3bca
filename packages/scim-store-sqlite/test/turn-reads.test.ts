import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Db } from '../src/_internal/db.ts';
import { betterSqlite3Driver } from '../src/drivers/better-sqlite3.ts';
import { createSqliteStore } from '../src/entries/node.ts';

const directory = mkdtempSync(join(tmpdir(), 'scim-tick-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const USER = { userName: 'ann@contoso.com', emails: [{ value: 'ann@contoso.com', type: 'work' }] };
const EXTENSION = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';

describe('reads of one turn of the event loop share a snapshot and tenant rows', () => {
  it("see this store's own writes as soon as they are acknowledged", async () => {
    const store = createSqliteStore({ filename: join(directory, 'own.db') });
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const ctx = { tenantId: 'acme' };
    // The query opens this turn's read; the create commits in a later one and ends it.
    const before = store.query(ctx, 'User');
    const created = store.create(ctx, 'User', USER);
    expect((await before).totalResults).toBe(0);
    const user = await created;
    expect((await store.query(ctx, 'User')).resources.map((found) => found.id)).toEqual([user.id]);
    // A write and reads issued together in one turn: reads issued after the write's
    // acknowledgement see it, whatever was read before in the same turn.
    const [, replaced] = await Promise.all([
      store.get(ctx, 'User', user.id),
      store.patch(ctx, 'User', user.id, [{ op: 'Replace', path: 'displayName', value: 'Ann' }]),
    ]);
    expect(replaced.resource.displayName).toBe('Ann');
    expect((await store.get(ctx, 'User', user.id))?.displayName).toBe('Ann');
    await store.close();
  });

  it('are dropped by a write of this store: a tenant deleted after the token check is gone', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await store.issueToken('acme');
    const ctx = { tenantId: 'acme' };
    // All in one turn, as one request's calls are.
    const verified = store.verifyToken('acme', secret);
    const deleted = store.deleteTenant('acme');
    expect(await verified).toMatchObject({ tenantId: 'acme' });
    expect(await deleted).toBe(true);
    await expect(store.query(ctx, 'User')).rejects.toMatchObject({ status: 404 });
    await store.close();
  });

  it('are not kept past the turn: another connection registering an extension is seen by the next request', async () => {
    const filename = join(directory, 'two.db');
    const server = createSqliteStore({ filename });
    const cli = createSqliteStore({ filename });
    await server.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await server.issueToken('acme');
    expect(await server.verifyToken('acme', secret)).toBeDefined();
    expect((await server.registry('acme')).extension('User', EXTENSION)).toBeUndefined();
    await cli.create({ tenantId: 'acme' }, 'User', { ...USER, [EXTENSION]: { costCenter: 'CC-1' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await server.registry('acme')).extension('User', EXTENSION)).toBeDefined();
    const { resources } = await server.query({ tenantId: 'acme' }, 'User', {
      filter: `${EXTENSION}:costCenter eq "cc-1"`,
    });
    expect(resources.map((user) => user.userName)).toEqual(['ann@contoso.com']);
    await Promise.all([server.close(), cli.close()]);
  });

  it('carry on when SQLite ended the shared read itself', () => {
    const db = new Db(betterSqlite3Driver(new Database(':memory:')));
    db.driver.exec('CREATE TABLE t (x)');
    // As after an I/O error inside it: the transaction is gone behind the store's back.
    db.read(() => db.driver.exec('COMMIT'));
    expect(db.write(() => db.run('INSERT INTO t VALUES (1)'))).toBe(1);
    expect(db.read(() => db.get('SELECT count(*) AS n FROM t'))).toEqual({ n: 1 });
    db.close();
  });
});
