import assert from 'node:assert/strict';
import { entraUser } from '../fixtures.ts';
import type { Case } from './harness.ts';

export const eventCases: Case[] = [
  [
    'logs every write with a per-tenant sequence, the operation, what changed and the request id',
    async ({ store, acme, globex }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      await store.create(globex, 'User', entraUser('bob.ray'));
      await store.patch(acme, 'User', user.id, [{ op: 'Replace', path: 'active', value: 'False' }]);
      await store.replace({ tenantId: 'acme' }, 'User', user.id, entraUser('ann.lee', { title: 'Boss' }));
      await store.delete(acme, 'User', user.id);
      const events = await store.events('acme');
      assert.deepEqual(
        events.map((event) => [event.sequence, event.operation, event.resourceId]),
        [
          [1, 'create', user.id],
          [2, 'patch', user.id],
          [3, 'replace', user.id],
          [4, 'delete', user.id],
        ],
      );
      assert.ok(events.every((event) => event.tenantId === 'acme' && event.resourceType === 'User'));
      assert.ok(events[0]!.changed.includes('userName'));
      assert.deepEqual(events[1]!.changed, ['active']);
      assert.ok(events[2]!.changed.includes('title'));
      assert.equal(events[0]!.requestId, 'req-acme');
      assert.equal(events[2]!.requestId, undefined);
      assert.ok(events.every((event, index) => index === 0 || event.time >= events[index - 1]!.time));
      assert.equal((await store.events('globex')).length, 1);
    },
  ],
  [
    'reads events after a sequence number, oldest first, with a limit',
    async ({ store, acme }) => {
      await store.createMany(acme, 'User', [
        entraUser('a.a'),
        entraUser('b.b'),
        entraUser('c.c'),
        entraUser('d.d'),
      ]);
      const after = await store.events('acme', { since: 1, limit: 2 });
      assert.deepEqual(
        after.map((event) => event.sequence),
        [2, 3],
      );
      assert.deepEqual(await store.events('acme', { since: 4 }), []);
    },
  ],
  [
    'logs nothing for a write that changed nothing or failed',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      await store.patch(acme, 'User', user.id, [{ op: 'replace', path: 'active', value: true }]);
      await store.create(acme, 'User', entraUser('ann.lee')).catch(() => undefined);
      assert.equal((await store.events('acme')).length, 1);
    },
  ],
];

export const isolationCases: Case[] = [
  [
    "sees nothing of another tenant's resources, tokens or events, whatever the operation",
    async ({ store, acme, globex }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: user.id }],
      });
      const token = await store.issueToken('acme');
      for (const [type, id] of [
        ['User', user.id],
        ['Group', group.id],
      ] as const) {
        assert.equal(await store.get(globex, type, id), undefined);
        await assert.rejects(
          store.patch(globex, type, id, [{ op: 'replace', path: 'displayName', value: 'x' }]),
          {
            status: 404,
          },
        );
        await assert.rejects(store.replace(globex, type, id, entraUser('x')), { status: 404 });
        await assert.rejects(store.delete(globex, type, id), { status: 404 });
        const filters = [`id eq "${id}"`, 'id pr', 'displayName pr', 'meta.resourceType pr'];
        for (const filter of filters) {
          const page = await store.query(globex, type, { filter });
          assert.equal(page.totalResults, 0, `${type} ${filter}`);
        }
        assert.equal((await store.query(globex, type, { cursor: '' })).totalResults, 0);
      }
      assert.equal(
        (await store.query(globex, 'Group', { filter: `members eq "${user.id}"` })).totalResults,
        0,
      );
      // A group of globex cannot take acme's user as a member.
      const foreign = await store.create(globex, 'Group', {
        displayName: 'Sales',
        members: [{ value: user.id }],
      });
      assert.equal(foreign.members, undefined);
      assert.deepEqual(await store.listTokens('globex'), []);
      assert.equal(await store.verifyToken('globex', token.secret), undefined);
      assert.equal(await store.revokeToken('globex', token.token.id), false);
      assert.deepEqual(
        (await store.events('globex')).map((event) => event.resourceId),
        [foreign.id],
      );
      // And acme still has everything.
      assert.equal((await store.get(acme, 'Group', group.id))?.members !== undefined, true);
    },
  ],
];
