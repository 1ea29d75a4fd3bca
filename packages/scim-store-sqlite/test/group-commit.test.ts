import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entraUser } from '@scimkit/test-utils';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransactor } from '../src/_internal/transaction.ts';
import type { Driver } from '../src/driver.ts';
import { betterSqlite3Driver } from '../src/drivers/better-sqlite3.ts';
import { createSqliteStore } from '../src/entries/node.ts';

/** A better-sqlite3 driver that logs every BEGIN and COMMIT. */
function loggingDriver(log: string[]): Driver {
  const inner = betterSqlite3Driver(new Database(':memory:'));
  const exec = (sql: string): void => {
    if (/^(BEGIN|COMMIT)/.test(sql)) log.push(sql.split(' ')[0]!);
    inner.exec(sql);
  };
  return { ...inner, exec, transaction: createTransactor(exec) };
}

describe('group commit', () => {
  it('writes concurrent requests in one transaction, and settles none before its commit', async () => {
    const log: string[] = [];
    const store = createSqliteStore({ driver: loggingDriver(log) });
    await store.createTenant({ name: 'Acme' });
    log.length = 0;
    const writes = Array.from({ length: 10 }, (_, index) =>
      store.create({ tenantId: 'acme' }, 'User', entraUser(`user${index}.x`)).then(() => log.push('settled')),
    );
    await Promise.all(writes);
    expect(log.filter((entry) => entry === 'BEGIN')).toHaveLength(1);
    expect(log.indexOf('COMMIT')).toBeLessThan(log.indexOf('settled'));
    expect((await store.query({ tenantId: 'acme' }, 'User')).totalResults).toBe(10);
    await store.close();
  });

  it('fails only the write that fails: its neighbours in the batch commit', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.createTenant({ name: 'Acme' });
    const ctx = { tenantId: 'acme' };
    const ann = await store.create(ctx, 'User', entraUser('ann.lee'));
    const outcomes = await Promise.allSettled([
      store.create(ctx, 'User', entraUser('bob.ray')),
      store.create(ctx, 'User', entraUser('ann.lee')),
      store.patch(ctx, 'User', ann.id, [{ op: 'replace', path: 'title', value: 'x' }], { ifMatch: 'W/"41"' }),
      store.patch(ctx, 'User', ann.id, [{ op: 'replace', path: 'title', value: 'Boss' }]),
      store.create(ctx, 'User', { userName: 42 }),
      store.create(ctx, 'User', entraUser('cid.vo')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason.status] : [],
    );
    expect(reasons).toEqual([409, 412, 400]);
    expect((await store.get(ctx, 'User', ann.id))?.title).toBe('Boss');
    expect((await store.query(ctx, 'User')).totalResults).toBe(3);
    expect((await store.events('acme')).map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
    await store.close();
  });

  it('commits every write on its own when turned off', async () => {
    const log: string[] = [];
    const store = createSqliteStore({ driver: loggingDriver(log), groupCommit: false });
    await store.createTenant({ name: 'Acme' });
    log.length = 0;
    await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        store.create({ tenantId: 'acme' }, 'User', entraUser(`u${index}.x`)),
      ),
    );
    expect(log.filter((entry) => entry === 'BEGIN')).toHaveLength(5);
    await store.close();
  });

  it('settles pending writes before it closes', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.createTenant({ name: 'Acme' });
    const pending = store.create({ tenantId: 'acme' }, 'User', entraUser('ann.lee'));
    await store.close();
    await expect(pending).resolves.toMatchObject({ userName: 'ann.lee@contoso.com' });
  });
});

describe('two connections on one file', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'scim-connections-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("see each other's committed writes at once, and a cursor walk survives the other's inserts and deletes", async () => {
    const filename = join(directory, 'shared.db');
    const reader = createSqliteStore({ filename });
    const writer = createSqliteStore({ filename });
    await writer.createTenant({ name: 'Acme' });
    const ctx = { tenantId: 'acme' };
    const created = await writer.createMany(
      ctx,
      'User',
      Array.from({ length: 30 }, (_, index) => entraUser(`p${String(index).padStart(2, '0')}.x`)),
    );
    const late = await writer.create(ctx, 'User', entraUser('late.comer'));
    expect(
      (await reader.query(ctx, 'User', { filter: 'userName eq "LATE.COMER@contoso.com"' })).totalResults,
    ).toBe(1);
    // totalResults is exact right after the other connection's commit (the count is cached only
    // while the database does not change).
    expect((await reader.query(ctx, 'User', { count: 0 })).totalResults).toBe(31);
    await writer.create(ctx, 'User', entraUser('later.still'));
    expect((await reader.query(ctx, 'User', { count: 0 })).totalResults).toBe(32);
    await writer.delete(
      ctx,
      'User',
      (await writer.query(ctx, 'User', { filter: 'userName sw "later"' })).resources[0]!.id,
    );

    const seen: string[] = [];
    const deleted = new Set<string>([late.id]);
    await writer.delete(ctx, 'User', late.id);
    let cursor: string | undefined = '';
    let step = 0;
    while (cursor !== undefined) {
      const page = await reader.query(ctx, 'User', { cursor, count: 4 });
      seen.push(...page.resources.map((user) => user.id));
      cursor = page.nextCursor;
      step++;
      await writer.create(ctx, 'User', entraUser(`n${step}.x`));
      const victim = created[(step * 11) % created.length]!;
      if (!deleted.has(victim.id)) {
        await writer.delete(ctx, 'User', victim.id);
        deleted.add(victim.id);
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const user of created) if (!deleted.has(user.id)) expect(seen).toContain(user.id);
    await reader.close();
    await writer.close();
  });
});
