// The built @scimkit/server answering Entra's test-connection probe through its fetch handler.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@scimkit/server';
import { createSqliteStore } from '@scimkit/store-sqlite';

export default async function smokeServer() {
  const directory = mkdtempSync(join(tmpdir(), 'scimkit-smoke-'));
  const store = createSqliteStore({ filename: join(directory, 'scim.db') });
  try {
    await store.createTenant({ name: 'Acme', id: 'acme' });
    const { secret } = await store.issueToken('acme');
    const app = createApp({ store, publicUrl: 'http://127.0.0.1:8080' });
    const probe = await app.handle(
      new Request('http://127.0.0.1:8080/scim/acme/v2/Users?filter=userName+eq+%22f3b1c0de%22', {
        headers: { authorization: `Bearer ${secret}` },
      }),
    );
    assert.equal(probe.status, 200);
    assert.match(probe.headers.get('content-type') ?? '', /^application\/scim\+json/);
    assert.deepEqual(await probe.json(), {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    const denied = await app.handle(new Request('http://127.0.0.1:8080/scim/acme/v2/Users'));
    assert.equal(denied.status, 401);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
