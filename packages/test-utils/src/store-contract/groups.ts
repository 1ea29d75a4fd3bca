import assert from 'node:assert/strict';
import type { RequestContext, ScimResource, ScimStore } from '@scimkit/schema';
import { entraGroup, entraUser } from '../fixtures.ts';
import type { Case } from './harness.ts';

async function people(store: ScimStore, ctx: RequestContext, ...names: string[]): Promise<ScimResource[]> {
  return store.createMany(
    ctx,
    'User',
    names.map((name) => entraUser(name)),
  );
}

function memberIds(group: ScimResource | undefined): string[] {
  return ((group?.members as { value: string }[] | undefined) ?? []).map((member) => member.value).sort();
}

function groupIds(user: ScimResource | undefined): string[] {
  return ((user?.groups as { value: string }[] | undefined) ?? []).map((group) => group.value).sort();
}

export const groupCases: Case[] = [
  [
    "creates a group with members and derives the users' read-only groups",
    async ({ store, acme }) => {
      const [ann, bob] = await people(store, acme, 'ann.lee', 'bob.ray');
      const group = await store.create(acme, 'Group', entraGroup('Sales', { members: [{ value: ann!.id }] }));
      assert.deepEqual(memberIds(group), [ann!.id]);
      assert.equal((group.members as { type?: string }[])[0]?.type, 'User');
      const read = await store.get(acme, 'User', ann!.id);
      assert.deepEqual(groupIds(read), [group.id]);
      assert.equal((read?.groups as { display?: string }[] | undefined)?.[0]?.display, 'Sales');
      assert.equal((await store.get(acme, 'User', bob!.id))?.groups, undefined);
      // Queries derive the same groups as reads by id, in the same order.
      const second = await store.create(
        acme,
        'Group',
        entraGroup('Admins', { members: [{ value: ann!.id }] }),
      );
      const again = await store.get(acme, 'User', ann!.id);
      assert.deepEqual(groupIds(again), [group.id, second.id].sort());
      const listed = await store.query(acme, 'User', { sortBy: 'userName' });
      assert.deepEqual(
        listed.resources.map((user) => user.groups),
        [again?.groups, undefined],
      );
      const found = await store.query(acme, 'User', { filter: 'userName eq "ANN.LEE@contoso.com"' });
      assert.deepEqual(found.resources[0], again);
    },
  ],
  [
    'adds members by PATCH, and adding an existing member changes nothing',
    async ({ store, acme }) => {
      const [ann, bob] = await people(store, acme, 'ann.lee', 'bob.ray');
      const group = await store.create(acme, 'Group', entraGroup('Sales'));
      const added = await store.patch(acme, 'Group', group.id, [
        { op: 'Add', path: 'members', value: [{ $ref: null, value: ann!.id }, { value: bob!.id }] },
      ]);
      assert.deepEqual(added.changed, ['members']);
      assert.deepEqual(memberIds(added.resource), [ann!.id, bob!.id].sort());
      const again = await store.patch(acme, 'Group', group.id, [
        { op: 'add', path: 'members', value: [{ value: ann!.id }] },
      ]);
      assert.deepEqual(again.changed, []);
      assert.equal(again.resource.meta.version, added.resource.meta.version);
    },
  ],
  [
    'removes only the listed members in the default dialect, and one member per filter in the compliant one',
    async ({ store, acme }) => {
      const [ann, bob, cid] = await people(store, acme, 'ann.lee', 'bob.ray', 'cid.vo');
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: ann!.id }, { value: bob!.id }, { value: cid!.id }],
      });
      await store.patch(acme, 'Group', group.id, [
        { op: 'Remove', path: 'members', value: [{ value: ann!.id }] },
      ]);
      assert.deepEqual(memberIds(await store.get(acme, 'Group', group.id)), [bob!.id, cid!.id].sort());
      await store.patch(acme, 'Group', group.id, [{ op: 'remove', path: `members[value eq "${bob!.id}"]` }]);
      assert.deepEqual(memberIds(await store.get(acme, 'Group', group.id)), [cid!.id]);
      const cleared = await store.patch(acme, 'Group', group.id, [{ op: 'remove', path: 'members' }]);
      assert.deepEqual(memberIds(cleared.resource), []);
      assert.deepEqual(groupIds(await store.get(acme, 'User', cid!.id)), []);
    },
  ],
  [
    'reads a group without its members when asked',
    async ({ store, acme }) => {
      const [ann] = await people(store, acme, 'ann.lee');
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: ann!.id }],
      });
      const lean = await store.get(acme, 'Group', group.id, { excludeMembers: true });
      assert.equal(lean?.members, undefined);
      assert.equal(lean?.displayName, 'Sales');
      const page = await store.query(acme, 'Group', {
        filter: 'displayName eq "sales"',
        excludeMembers: true,
      });
      assert.equal(page.resources[0]?.members, undefined);
      const outcome = await store.patch(
        acme,
        'Group',
        group.id,
        [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }],
        {
          excludeMembers: true,
        },
      );
      assert.equal(outcome.resource.members, undefined);
      assert.deepEqual(memberIds(await store.get(acme, 'Group', group.id)), [ann!.id]);
    },
  ],
  [
    "removes a deleted user's memberships and moves the group's version",
    async ({ store, acme }) => {
      const [ann, bob] = await people(store, acme, 'ann.lee', 'bob.ray');
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: ann!.id }, { value: bob!.id }],
      });
      await store.delete(acme, 'User', ann!.id);
      const after = await store.get(acme, 'Group', group.id);
      assert.deepEqual(memberIds(after), [bob!.id]);
      assert.notEqual(after?.meta.version, group.meta.version);
    },
  ],
  [
    'answers the membership probe with 0 or 1 group',
    async ({ store, acme }) => {
      const [ann, bob] = await people(store, acme, 'ann.lee', 'bob.ray');
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: ann!.id }],
      });
      const yes = await store.query(acme, 'Group', {
        filter: `id eq "${group.id}" and members eq "${ann!.id}"`,
      });
      const no = await store.query(acme, 'Group', {
        filter: `id eq "${group.id}" and members eq "${bob!.id}"`,
      });
      assert.equal(yes.totalResults, 1);
      assert.equal(no.totalResults, 0);
      const byValue = await store.query(acme, 'Group', { filter: `members[value eq "${ann!.id}"]` });
      assert.equal(byValue.totalResults, 1);
    },
  ],
  [
    'nests groups and ignores member ids that name nothing in the tenant',
    async ({ store, acme, globex }) => {
      const [ann] = await people(store, acme, 'ann.lee');
      const [stranger] = await people(store, globex, 'ann.lee');
      const inner = await store.create(acme, 'Group', {
        displayName: 'Inner',
        members: [{ value: ann!.id }],
      });
      const outer = await store.create(acme, 'Group', {
        displayName: 'Outer',
        members: [{ value: inner.id }, { value: stranger!.id }, { value: 'no-such-id' }],
      });
      assert.deepEqual(memberIds(outer), [inner.id]);
      assert.equal((outer.members as { type?: string }[])[0]?.type, 'Group');
      assert.deepEqual(groupIds(await store.get(globex, 'User', stranger!.id)), []);
    },
  ],
  [
    'replaces the member list with PUT',
    async ({ store, acme }) => {
      const [ann, bob] = await people(store, acme, 'ann.lee', 'bob.ray');
      const group = await store.create(acme, 'Group', {
        displayName: 'Sales',
        members: [{ value: ann!.id }],
      });
      const replaced = await store.replace(acme, 'Group', group.id, {
        displayName: 'Sales',
        members: [{ value: bob!.id }],
      });
      assert.deepEqual(memberIds(replaced), [bob!.id]);
      assert.notEqual(replaced.meta.version, group.meta.version);
    },
  ],
];
