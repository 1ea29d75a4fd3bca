import assert from 'node:assert/strict';
import { CUSTOM_EXTENSION, ENTERPRISE, entraGroup, entraUser } from '../fixtures.ts';
import { type Case, rejectsWith } from './harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';

export const resourceCases: Case[] = [
  [
    'creates a user with a server-assigned id and meta, ignoring the id and meta it is sent',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', {
        ...entraUser('ann.lee'),
        id: 'client-id',
        meta: { resourceType: 'User', version: 'W/"99"' },
      });
      assert.match(user.id, UUID);
      assert.equal(user.userName, 'ann.lee@contoso.com');
      assert.equal(user.active, true);
      assert.equal(user.title, undefined);
      assert.equal(user.meta.resourceType, 'User');
      assert.equal(user.meta.created, user.meta.lastModified);
      assert.match(user.meta.version, /^W\/".+"$/);
      assert.deepEqual((user[ENTERPRISE] as Record<string, unknown>).department, 'Sales');
      assert.deepEqual(await store.get(acme, 'User', user.id), user);
    },
  ],
  [
    'reads nothing for an unknown id or an id of the other resource type',
    async ({ store, acme }) => {
      const group = await store.create(acme, 'Group', entraGroup('Sales'));
      assert.equal(await store.get(acme, 'User', MISSING), undefined);
      assert.equal(await store.get(acme, 'User', group.id), undefined);
      assert.equal((await store.get(acme, 'group', group.id))?.id, group.id);
    },
  ],
  [
    'refuses a second userName that differs only in case with 409 uniqueness',
    async ({ store, acme }) => {
      await store.create(acme, 'User', entraUser('ann.lee'));
      const error = await rejectsWith(
        store.create(acme, 'User', { ...entraUser('ann.lee2'), userName: 'ANN.LEE@contoso.com' }),
        409,
        'uniqueness',
      );
      assert.match(error.detail, /userName/);
      assert.equal((await store.query(acme, 'User')).totalResults, 1);
    },
  ],
  [
    'refuses a second group displayName that differs only in case with 409 uniqueness',
    async ({ store, acme }) => {
      await store.create(acme, 'Group', entraGroup('Sales EMEA'));
      await rejectsWith(store.create(acme, 'Group', entraGroup('sales emea')), 409, 'uniqueness');
    },
  ],
  [
    'allows the same userName in two tenants',
    async ({ store, acme, globex }) => {
      await store.create(acme, 'User', entraUser('ann.lee'));
      await store.create(globex, 'User', entraUser('ann.lee'));
    },
  ],
  [
    'rejects a user without userName with 400',
    async ({ store, acme }) => {
      const { userName: _, ...input } = entraUser('ann.lee');
      await rejectsWith(store.create(acme, 'User', input), 400);
      await rejectsWith(store.create(acme, 'User', 'not an object'), 400);
    },
  ],
  [
    'replaces a user, moving its version and lastModified',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const replaced = await store.replace(acme, 'User', user.id, {
        ...entraUser('ann.lee'),
        title: 'Engineer',
      });
      assert.equal(replaced.id, user.id);
      assert.equal(replaced.title, 'Engineer');
      assert.notEqual(replaced.meta.version, user.meta.version);
      assert.equal(replaced.meta.created, user.meta.created);
      assert.ok(replaced.meta.lastModified >= user.meta.lastModified);
      assert.deepEqual(await store.get(acme, 'User', user.id), replaced);
    },
  ],
  [
    'skips the write of a PUT that changes nothing',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const same = await store.replace(acme, 'User', user.id, entraUser('ann.lee'));
      assert.equal(same.meta.version, user.meta.version);
      assert.equal((await store.events('acme')).length, 1);
    },
  ],
  [
    "patches in both of Entra's dialects",
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const first = await store.patch(acme, 'User', user.id, [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann@x.com' },
        { op: 'Replace', path: 'name.familyName', value: 'Smith' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Marketing' },
        { op: 'Replace', path: 'active', value: 'False' },
      ]);
      assert.deepEqual([...first.changed].sort(), [
        'active',
        'emails',
        'name.familyName',
        `${ENTERPRISE}:department`,
      ]);
      const second = await store.patch(acme, 'User', user.id, [
        {
          op: 'replace',
          value: { displayName: 'A N', 'name.givenName': 'A', [`${ENTERPRISE}:employeeNumber`]: 'E124' },
        },
      ]);
      const patched = second.resource;
      assert.equal(patched.active, false);
      assert.equal(patched.displayName, 'A N');
      assert.deepEqual(patched.name, { formatted: 'Ann Lee', familyName: 'Smith', givenName: 'A' });
      assert.deepEqual(patched[ENTERPRISE], { employeeNumber: 'E124', department: 'Marketing' });
      assert.equal((patched.emails as { value: string }[])[0]?.value, 'ann@x.com');
      assert.deepEqual(await store.get(acme, 'User', user.id), patched);
      const found = await store.query(acme, 'User', {
        filter: 'emails[type eq "work"].value eq "ANN@x.com"',
      });
      assert.deepEqual(
        found.resources.map((resource) => resource.id),
        [user.id],
      );
    },
  ],
  [
    'skips the write of a PATCH that changes nothing',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const outcome = await store.patch(acme, 'User', user.id, [
        { op: 'Replace', path: 'active', value: 'True' },
        { op: 'Replace', path: 'userName', value: 'ann.lee@contoso.com' },
      ]);
      assert.deepEqual(outcome.changed, []);
      assert.equal(outcome.resource.meta.version, user.meta.version);
      const empty = await store.patch(acme, 'User', user.id, []);
      assert.deepEqual(empty.changed, []);
      assert.equal((await store.events('acme')).length, 1);
    },
  ],
  [
    'refuses a rename to a userName another user has, whatever its case',
    async ({ store, acme }) => {
      await store.create(acme, 'User', entraUser('ann.lee'));
      const bob = await store.create(acme, 'User', entraUser('bob.ray'));
      await rejectsWith(
        store.patch(acme, 'User', bob.id, [
          { op: 'Replace', path: 'userName', value: 'Ann.Lee@Contoso.com' },
        ]),
        409,
        'uniqueness',
      );
      await rejectsWith(
        store.replace(acme, 'User', bob.id, { ...entraUser('bob.ray'), userName: 'ANN.LEE@contoso.com' }),
        409,
        'uniqueness',
      );
      const renamed = await store.patch(acme, 'User', bob.id, [
        { op: 'Replace', path: 'userName', value: 'BOB.RAY@contoso.com' },
      ]);
      assert.equal(renamed.resource.userName, 'BOB.RAY@contoso.com');
    },
  ],
  [
    'deletes a user: it is gone by id and by filter',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      await store.delete(acme, 'User', user.id);
      assert.equal(await store.get(acme, 'User', user.id), undefined);
      const found = await store.query(acme, 'User', { filter: 'userName eq "ann.lee@contoso.com"' });
      assert.equal(found.totalResults, 0);
      await rejectsWith(store.delete(acme, 'User', user.id), 404);
    },
  ],
  [
    'answers 404 to replace, patch and delete of an id that does not exist',
    async ({ store, acme }) => {
      await rejectsWith(store.replace(acme, 'User', MISSING, entraUser('x')), 404);
      await rejectsWith(store.patch(acme, 'User', MISSING, []), 404);
      await rejectsWith(store.delete(acme, 'User', MISSING), 404);
    },
  ],
  [
    'answers 412 when ifMatch names another version, for replace, patch and delete',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const stale = user.meta.version;
      await store.patch(acme, 'User', user.id, [{ op: 'replace', path: 'title', value: 'Boss' }]);
      await rejectsWith(store.replace(acme, 'User', user.id, entraUser('ann.lee'), { ifMatch: stale }), 412);
      await rejectsWith(
        store.patch(acme, 'User', user.id, [{ op: 'replace', path: 'title', value: 'X' }], {
          ifMatch: stale,
        }),
        412,
      );
      await rejectsWith(store.delete(acme, 'User', user.id, { ifMatch: stale }), 412);
      assert.equal((await store.get(acme, 'User', user.id))?.title, 'Boss');
    },
  ],
  [
    'accepts ifMatch with the current version, and with *',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const patched = await store.patch(
        acme,
        'User',
        user.id,
        [{ op: 'replace', path: 'title', value: 'A' }],
        {
          ifMatch: user.meta.version,
        },
      );
      const replaced = await store.replace(acme, 'User', user.id, entraUser('ann.lee'), { ifMatch: '*' });
      assert.notEqual(replaced.meta.version, patched.resource.meta.version);
      await store.delete(acme, 'User', user.id, { ifMatch: replaced.meta.version });
    },
  ],
  [
    'gives every write a new version',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', entraUser('ann.lee'));
      const versions = new Set([user.meta.version]);
      for (const title of ['a', 'b', 'c']) {
        const { resource } = await store.patch(acme, 'User', user.id, [
          { op: 'replace', path: 'title', value: title },
        ]);
        versions.add(resource.meta.version);
      }
      assert.equal(versions.size, 4);
    },
  ],
  [
    'creates many resources in one call, all or none',
    async ({ store, acme }) => {
      const created = await store.createMany(acme, 'User', [
        entraUser('a.one'),
        entraUser('b.two'),
        entraUser('c.three'),
      ]);
      assert.equal(created.length, 3);
      assert.equal(new Set(created.map((user) => user.id)).size, 3);
      const error = await rejectsWith(
        store.createMany(acme, 'User', [entraUser('d.four'), entraUser('a.one')]),
        409,
        'uniqueness',
      );
      assert.match(error.detail, /^Item 1/);
      assert.equal((await store.query(acme, 'User')).totalResults, 3);
    },
  ],
  [
    'creates a batch larger than one statement, every row with its own emails and event',
    async ({ store, acme }) => {
      const names = Array.from({ length: 120 }, (_, index) => `user.n${index}`);
      const duplicate = [...names.slice(0, 117).map((name) => entraUser(name)), entraUser('USER.N3')];
      const error = await rejectsWith(store.createMany(acme, 'User', duplicate), 409, 'uniqueness');
      assert.match(error.detail, /^Item 117: /);
      assert.equal((await store.query(acme, 'User')).totalResults, 0);
      assert.equal((await store.events('acme')).length, 0);

      const created = await store.createMany(
        acme,
        'User',
        names.map((name) => entraUser(name)),
      );
      assert.deepEqual(
        created.map((user) => user.userName),
        names.map((name) => `${name}@contoso.com`),
      );
      for (const index of [0, 49, 50, 119]) {
        const { resources } = await store.query(acme, 'User', {
          filter: `emails[type eq "work"].value eq "USER.N${index}@contoso.com"`,
        });
        assert.deepEqual(
          resources.map((user) => user.id),
          [created[index]!.id],
        );
        assert.deepEqual(await store.get(acme, 'User', created[index]!.id), created[index]);
      }
      const events = await store.events('acme', { limit: 1000 });
      assert.deepEqual(
        events.map((event) => [event.sequence, event.operation, event.resourceId]),
        created.map((user, index) => [index + 1, 'create', user.id]),
      );
      assert.ok(events.every((event) => event.changed.includes('emails')));
    },
  ],
  [
    'finds users by email whether or not the email equals the userName, through every change',
    async ({ store, acme }) => {
      const byEmail = async (email: string): Promise<string[]> =>
        (
          await store.query(acme, 'User', { filter: `emails[type eq "work"].value eq "${email}"` })
        ).resources.map((user) => user.externalId as string);
      const ann = await store.create(acme, 'User', entraUser('ann.lee'));
      await store.create(acme, 'User', entraUser('bob.ray', { userName: 'Bob@Fabrikam.com' }));
      assert.deepEqual(await byEmail('ANN.LEE@contoso.com'), ['ann.lee']);
      assert.deepEqual(await byEmail('bob.ray@CONTOSO.com'), ['bob.ray']);
      // The userName moves away from the email, then the email follows it, then both change.
      await store.patch(acme, 'User', ann.id, [
        { op: 'Replace', path: 'userName', value: 'ann@fabrikam.com' },
      ]);
      assert.deepEqual(await byEmail('ann.lee@contoso.com'), ['ann.lee']);
      await store.patch(acme, 'User', ann.id, [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ANN@fabrikam.com' },
      ]);
      assert.deepEqual(await byEmail('ann.lee@contoso.com'), []);
      assert.deepEqual(await byEmail('ann@fabrikam.com'), ['ann.lee']);
      await store.replace(acme, 'User', ann.id, entraUser('ann.lee', { userName: 'a.lee@contoso.com' }));
      assert.deepEqual(await byEmail('ann@fabrikam.com'), []);
      assert.deepEqual(await byEmail('ann.lee@contoso.com'), ['ann.lee']);
      assert.deepEqual(
        (await store.query(acme, 'User', { filter: 'emails.value eq "bob@fabrikam.com"' })).totalResults,
        0,
      );
      await store.delete(acme, 'User', ann.id);
      assert.deepEqual(await byEmail('ann.lee@contoso.com'), []);
    },
  ],
  [
    'compares caseExact=false strings folded, capitals beyond ASCII included',
    async ({ store, acme }) => {
      for (const [name, title] of [
        ['a.a', 'ÉQUIPE Ω'],
        ['b.b', 'équipe ω'],
        ['c.c', 'Equipe W'],
        ['d.d', 'équipe a'],
      ] as const) {
        await store.create(acme, 'User', entraUser(name, { title }));
      }
      const names = async (filter: string): Promise<string[]> =>
        (await store.query(acme, 'User', { filter, sortBy: 'userName' })).resources.map(
          (user) => user.externalId as string,
        );
      assert.deepEqual(await names('title eq "Équipe ω"'), ['a.a', 'b.b']);
      assert.deepEqual(await names('title sw "ÉQ"'), ['a.a', 'b.b', 'd.d']);
      assert.deepEqual(await names('title co "QUIPE"'), ['a.a', 'b.b', 'c.c', 'd.d']);
      assert.deepEqual(await names('title ew "Ω"'), ['a.a', 'b.b']);
      assert.deepEqual(await names('externalId eq "A.A"'), []);
      // Folded: "equipe w", "équipe a", then "équipe ω" twice (unfolded, "ÉQUIPE Ω" would
      // come second).
      const sorted = await store.query(acme, 'User', { sortBy: 'title' });
      assert.deepEqual(
        sorted.resources.slice(0, 2).map((user) => user.externalId),
        ['c.c', 'd.d'],
      );
    },
  ],
  [
    'keeps custom extension attributes Entra sends undeclared and publishes their schema',
    async ({ store, acme, globex }) => {
      const user = await store.create(acme, 'User', {
        ...entraUser('ann.lee'),
        [CUSTOM_EXTENSION]: { costCenter: 'CC-1', badge: 42 },
      });
      assert.deepEqual(user[CUSTOM_EXTENSION], { costCenter: 'CC-1', badge: 42 });
      assert.ok(user.schemas.includes(CUSTOM_EXTENSION));
      const patched = await store.patch(acme, 'User', user.id, [
        { op: 'Add', path: `${CUSTOM_EXTENSION}:building`, value: 'B7' },
      ]);
      assert.deepEqual(patched.resource[CUSTOM_EXTENSION], { costCenter: 'CC-1', badge: 42, building: 'B7' });
      const registry = await store.registry('acme');
      const schema = registry.extension('User', CUSTOM_EXTENSION)?.schema;
      assert.deepEqual(schema?.attributes.map((attribute) => attribute.name).sort(), [
        'badge',
        'building',
        'costCenter',
      ]);
      assert.equal((await store.registry('globex')).extension('User', CUSTOM_EXTENSION), undefined);
      const found = await store.query(acme, 'User', { filter: `${CUSTOM_EXTENSION}:building eq "b7"` });
      assert.equal(found.totalResults, 1);
      assert.equal(
        (await store.query(globex, 'User', { filter: `${CUSTOM_EXTENSION}:building eq "b7"` })).totalResults,
        0,
      );
    },
  ],
  [
    'registers an extension schema explicitly',
    async ({ store, acme }) => {
      await store.registerExtension('acme', 'User', {
        id: 'urn:ietf:params:scim:schemas:extension:Badge:2.0:User',
        name: 'Badge',
        description: 'Badges',
        attributes: [
          {
            name: 'level',
            type: 'integer',
            multiValued: false,
            description: 'Badge level',
            required: false,
            caseExact: false,
            mutability: 'readWrite',
            returned: 'default',
            uniqueness: 'none',
          },
        ],
      });
      const user = await store.create(acme, 'User', {
        ...entraUser('ann.lee'),
        'urn:ietf:params:scim:schemas:extension:Badge:2.0:User': { level: 3 },
      });
      assert.deepEqual(user['urn:ietf:params:scim:schemas:extension:Badge:2.0:User'], { level: 3 });
      const found = await store.query(acme, 'User', {
        filter: 'urn:ietf:params:scim:schemas:extension:Badge:2.0:User:level gt 2',
      });
      assert.equal(found.totalResults, 1);
      await rejectsWith(
        store.create(acme, 'User', {
          ...entraUser('bob.ray'),
          'urn:ietf:params:scim:schemas:extension:Badge:2.0:User': { level: 'high' },
        }),
        400,
      );
    },
  ],
  [
    'keeps a manager link readable after the manager is deleted',
    async ({ store, acme }) => {
      const boss = await store.create(acme, 'User', entraUser('boss.one'));
      const report = await store.create(acme, 'User', entraUser('ann.lee'));
      const linked = await store.patch(acme, 'User', report.id, [
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: boss.id },
      ]);
      assert.deepEqual((linked.resource[ENTERPRISE] as { manager?: unknown }).manager, { value: boss.id });
      const probe = await store.query(acme, 'User', {
        filter: `id eq "${report.id}" and manager eq "${boss.id}"`,
      });
      assert.deepEqual(
        probe.resources.map((user) => user.id),
        [report.id],
      );
      await store.delete(acme, 'User', boss.id);
      const read = await store.get(acme, 'User', report.id);
      assert.deepEqual((read?.[ENTERPRISE] as { manager?: unknown } | undefined)?.manager, {
        value: boss.id,
      });
      const cleared = await store.patch(acme, 'User', report.id, [
        { op: 'replace', path: `${ENTERPRISE}:manager`, value: '' },
      ]);
      assert.equal((cleared.resource[ENTERPRISE] as { manager?: unknown }).manager, undefined);
    },
  ],
  [
    'never stores or returns a password',
    async ({ store, acme }) => {
      const user = await store.create(acme, 'User', { ...entraUser('ann.lee'), password: 'hunter2' });
      assert.equal(user.password, undefined);
      assert.equal((await store.get(acme, 'User', user.id))?.password, undefined);
    },
  ],
];
