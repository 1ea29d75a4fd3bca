import assert from 'node:assert/strict';
import { entraUser } from '../fixtures.ts';
import { type Case, rejectsWith } from './harness.ts';

export const tenantCases: Case[] = [
  [
    'creates a tenant with an id derived from its name',
    async ({ store }) => {
      const tenant = await store.createTenant({ name: 'Contoso Ltd.' });
      assert.equal(tenant.id, 'contoso-ltd');
      assert.equal(tenant.name, 'Contoso Ltd.');
      assert.ok(!Number.isNaN(Date.parse(tenant.createdAt)));
    },
  ],
  [
    'creates a tenant with the id it is given',
    async ({ store }) => {
      const tenant = await store.createTenant({ name: 'Initech', id: 'initech-eu' });
      assert.equal(tenant.id, 'initech-eu');
      assert.deepEqual(await store.getTenant('initech-eu'), tenant);
    },
  ],
  [
    'rejects a tenant id that is not URL-safe, and an empty name',
    async ({ store }) => {
      await rejectsWith(store.createTenant({ name: 'X', id: 'Not/Safe' }), 400, 'invalidValue');
      await rejectsWith(store.createTenant({ name: '  ' }), 400, 'invalidValue');
    },
  ],
  [
    'rejects a second tenant with the same id with 409 uniqueness',
    async ({ store }) => {
      await rejectsWith(store.createTenant({ name: 'Acme again', id: 'acme' }), 409, 'uniqueness');
    },
  ],
  [
    'lists tenants and gets one by id',
    async ({ store }) => {
      const ids = (await store.listTenants()).map((tenant) => tenant.id).sort();
      assert.deepEqual(ids, ['acme', 'globex']);
      assert.equal((await store.getTenant('acme'))?.name, 'Acme');
      assert.equal(await store.getTenant('nobody'), undefined);
    },
  ],
  [
    'deletes a tenant with all its data',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const group = await store.create(acme, 'Group', { displayName: 'Team', members: [{ value: user.id }] });
      const { secret } = await store.issueToken('acme');
      assert.equal(await store.deleteTenant('acme'), true);
      assert.equal(await store.deleteTenant('acme'), false);
      assert.equal(await store.getTenant('acme'), undefined);
      await rejectsWith(store.get(acme, 'User', user.id), 404);
      await store.createTenant({ name: 'Acme', id: 'acme' });
      assert.equal(await store.get(acme, 'User', user.id), undefined);
      assert.equal(await store.get(acme, 'Group', group.id), undefined);
      assert.equal((await store.query(acme, 'User')).totalResults, 0);
      assert.deepEqual(await store.listTokens('acme'), []);
      assert.deepEqual(await store.events('acme'), []);
      assert.equal(await store.verifyToken('acme', secret), undefined);
      // The userName is free again.
      await store.create(acme, 'User', entraUser('ann.lee'));
    },
  ],
  [
    'answers 404 to resource calls on a tenant that does not exist',
    async ({ store }) => {
      const ctx = { tenantId: 'nobody' };
      await rejectsWith(store.create(ctx, 'User', entraUser('x')), 404);
      await rejectsWith(store.query(ctx, 'User'), 404);
      await rejectsWith(store.get(ctx, 'User', '00000000-0000-4000-8000-000000000000'), 404);
      await rejectsWith(store.issueToken('nobody'), 404);
    },
  ],
  [
    'answers 404 for a resource type it does not know',
    async ({ store, acme }) => {
      await rejectsWith(store.create(acme, 'Printer', { name: 'x' }), 404);
      await rejectsWith(store.query(acme, 'Printer'), 404);
    },
  ],
];

export const tokenCases: Case[] = [
  [
    'issues a token whose secret is shown once and verifies it',
    async ({ store }) => {
      const issued = await store.issueToken('acme', { description: 'Entra' });
      assert.ok(issued.secret.length >= 40);
      assert.equal(issued.token.tenantId, 'acme');
      assert.equal(issued.token.description, 'Entra');
      const verified = await store.verifyToken('acme', issued.secret);
      assert.equal(verified?.id, issued.token.id);
      const listed = await store.listTokens('acme');
      assert.equal(listed.length, 1);
      assert.ok(!JSON.stringify(listed).includes(issued.secret.slice(-20)));
    },
  ],
  [
    "refuses a wrong secret, a revoked token, an expired token and another tenant's token",
    async ({ store }) => {
      const issued = await store.issueToken('acme');
      // Verified once first: what a store remembers of a good secret must not let it through later.
      assert.ok(await store.verifyToken('acme', issued.secret));
      assert.equal(await store.verifyToken('acme', `${issued.secret.slice(0, -1)}x`), undefined);
      assert.equal(await store.verifyToken('acme', 'not a token'), undefined);
      assert.equal(await store.verifyToken('acme', ''), undefined);
      assert.equal(await store.verifyToken('globex', issued.secret), undefined);
      const expired = await store.issueToken('acme', { expiresAt: new Date(Date.now() - 1000) });
      assert.equal(await store.verifyToken('acme', expired.secret), undefined);
      assert.equal(await store.revokeToken('acme', issued.token.id), true);
      assert.equal(await store.revokeToken('acme', issued.token.id), false);
      assert.equal(await store.verifyToken('acme', issued.secret), undefined);
      const revoked = (await store.listTokens('acme')).find((token) => token.id === issued.token.id);
      assert.ok(revoked?.revokedAt !== undefined);
    },
  ],
  [
    'keeps several tokens live for rotation and expires the old one when asked',
    async ({ store }) => {
      const old = await store.issueToken('acme', { description: 'old' });
      const fresh = await store.issueToken('acme', { description: 'new' });
      assert.ok(await store.verifyToken('acme', old.secret));
      assert.ok(await store.verifyToken('acme', fresh.secret));
      assert.equal(await store.expireToken('acme', old.token.id, new Date(Date.now() - 1)), true);
      assert.equal(await store.verifyToken('acme', old.secret), undefined);
      assert.ok(await store.verifyToken('acme', fresh.secret));
      assert.equal(await store.expireToken('globex', fresh.token.id, new Date()), false);
    },
  ],
  [
    'records when a token was last used',
    async ({ store }) => {
      const issued = await store.issueToken('acme');
      assert.equal((await store.listTokens('acme'))[0]?.lastUsedAt, undefined);
      await store.verifyToken('acme', issued.secret);
      const used = (await store.listTokens('acme'))[0]?.lastUsedAt;
      assert.ok(used !== undefined && !Number.isNaN(Date.parse(used)));
    },
  ],
];
