// The built @scimkit/store-sqlite with the driver its export conditions pick on this runtime.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@scimkit/store-sqlite';

const EXPECTED_DRIVER = { node: 'better-sqlite3', bun: 'bun:sqlite', deno: 'node:sqlite' };

export default async function smokeStore({ runtime }) {
  const directory = mkdtempSync(join(tmpdir(), 'scimkit-smoke-'));
  const store = createSqliteStore({ filename: join(directory, 'scim.db') });
  try {
    await store.open();
    assert.match(store.driverName, new RegExp(EXPECTED_DRIVER[runtime].replace(/[-:]/g, '.')));
    await store.createTenant({ name: 'Smoke', id: 'smoke' });
    const { secret } = await store.issueToken('smoke');
    assert.ok(await store.verifyToken('smoke', secret));
    const ctx = { tenantId: 'smoke' };
    const user = await store.create(ctx, 'User', { userName: 'Alice@Example.com', active: 'True' });
    const group = await store.create(ctx, 'Group', { displayName: 'Sales' });
    await store.patch(ctx, 'Group', group.id, [{ op: 'Add', path: 'members', value: [{ value: user.id }] }]);
    const page = await store.query(ctx, 'User', { filter: 'userName eq "alice@example.com"' });
    assert.equal(page.totalResults, 1);
    const probe = await store.query(ctx, 'Group', {
      filter: `id eq "${group.id}" and members eq "${user.id}"`,
    });
    assert.equal(probe.totalResults, 1);
    await assert.rejects(store.create(ctx, 'User', { userName: 'ALICE@example.com' }), { status: 409 });
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
