import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RequestContext, ScimResource, ScimStore } from '@scimkit/schema';
import { CUSTOM_EXTENSION, ENTERPRISE, entraGroup, entraUser } from '../fixtures.ts';
import { type Case, rejectsWith } from './harness.ts';

/** Five users with varied attributes, and two groups. */
async function directory(store: ScimStore, ctx: RequestContext): Promise<Record<string, ScimResource>> {
  const users = await store.createMany(ctx, 'User', [
    entraUser('ann.lee', { title: 'Engineer', nickName: 'Annie' }),
    entraUser('bob.ray', {
      active: 'False',
      title: 'Sales Manager',
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '7' },
    }),
    entraUser('cid.vo', {
      userName: 'CID.VO@Contoso.com',
      emails: [
        { type: 'home', value: 'cid@home.example' },
        { type: 'work', value: 'Cid.Vo@Contoso.com', primary: true },
      ],
      [CUSTOM_EXTENSION]: { costCenter: 'CC-9' },
    }),
    entraUser('dee.ox', { externalId: 'DEE', name: { givenName: 'Dee' }, emails: null, displayName: null }),
    entraUser('eve.ng', { title: 'engineer', addresses: [{ type: 'home', locality: 'Zürich' }] }),
  ]);
  const [ann, bob, cid, dee, eve] = users as [
    ScimResource,
    ScimResource,
    ScimResource,
    ScimResource,
    ScimResource,
  ];
  const admins = await store.create(
    ctx,
    'Group',
    entraGroup('Admins', { members: [{ value: ann.id }, { value: cid.id }] }),
  );
  const empty = await store.create(ctx, 'Group', entraGroup('Empty'));
  return { ann, bob, cid, dee, eve, admins, empty };
}

async function names(store: ScimStore, ctx: RequestContext, filter: string): Promise<string[]> {
  const page = await store.query(ctx, 'User', { filter, count: 100 });
  assert.equal(page.totalResults, page.resources.length);
  return page.resources.map((user) => String(user.userName).split('@')[0]!.toLowerCase()).sort();
}

/** Filter → the users it matches: one row per operator and attribute kind of the grammar. */
const GRAMMAR: [filter: string, expected: string[]][] = [
  ['userName eq "ANN.LEE@contoso.com"', ['ann.lee']],
  ['userName ne "ann.lee@contoso.com"', ['bob.ray', 'cid.vo', 'dee.ox', 'eve.ng']],
  ['userName sw "C"', ['cid.vo']],
  ['userName ew "@CONTOSO.COM" and userName co "e"', ['ann.lee', 'dee.ox', 'eve.ng']],
  ['userName gt "cid.vo@contoso.com"', ['dee.ox', 'eve.ng']],
  ['userName ge "cid.vo@contoso.com" and userName le "dee.ox@contoso.com"', ['cid.vo', 'dee.ox']],
  ['userName lt "b"', ['ann.lee']],
  ['externalId eq "DEE"', ['dee.ox']],
  ['externalId eq "dee"', []],
  ['externalId eq DEE', ['dee.ox']],
  ['title eq "engineer"', ['ann.lee', 'eve.ng']],
  ['title pr', ['ann.lee', 'bob.ray', 'eve.ng']],
  ['not (title pr)', ['cid.vo', 'dee.ox']],
  ['title eq null', ['cid.vo', 'dee.ox']],
  ['title ne "Engineer"', ['bob.ray', 'cid.vo', 'dee.ox']],
  ['active eq false', ['bob.ray']],
  ['active eq "True"', ['ann.lee', 'cid.vo', 'dee.ox', 'eve.ng']],
  ['name.givenName eq "dee" or nickName eq "ANNIE"', ['ann.lee', 'dee.ox']],
  ['name[givenName eq "Dee"]', ['dee.ox']],
  ['emails[type eq "work" and value eq "cid.vo@contoso.com"]', ['cid.vo']],
  ['emails[type eq "work"].value eq "cid.vo@contoso.com"', ['cid.vo']],
  ['emails[type eq "home"]', ['cid.vo']],
  ['emails.value ew ".example"', ['cid.vo']],
  ['emails co "HOME"', ['cid.vo']],
  ['emails pr', ['ann.lee', 'bob.ray', 'cid.vo', 'eve.ng']],
  ['not (emails[primary eq true])', ['dee.ox']],
  ['addresses[locality eq "zürich"]', ['eve.ng']],
  ['addresses.locality sw "ZÜ"', ['eve.ng']],
  [`${ENTERPRISE}:department eq "sales"`, ['ann.lee', 'bob.ray', 'cid.vo', 'dee.ox', 'eve.ng']],
  ['employeeNumber eq "7"', ['bob.ray']],
  [`${CUSTOM_EXTENSION}:costCenter eq "cc-9"`, ['cid.vo']],
  ['groups.display eq "admins"', ['ann.lee', 'cid.vo']],
  ['groups pr', ['ann.lee', 'cid.vo']],
  ['meta.resourceType eq "User"', ['ann.lee', 'bob.ray', 'cid.vo', 'dee.ox', 'eve.ng']],
  [
    'meta.created gt "2000-01-01T00:00:00Z" and meta.lastModified lt "2999-01-01T00:00:00+02:00"',
    ['ann.lee', 'bob.ray', 'cid.vo', 'dee.ox', 'eve.ng'],
  ],
  ['schemas eq "urn:ietf:params:scim:schemas:extension:Contoso:2.0:User"', ['cid.vo']],
  ['(title eq "engineer" or active eq false) and not (userName sw "a")', ['bob.ray', 'eve.ng']],
  ['favoriteColor eq "blue"', []],
  ['not (favoriteColor eq "blue")', ['ann.lee', 'bob.ray', 'cid.vo', 'dee.ox', 'eve.ng']],
];

export const queryCases: Case[] = [
  [
    "answers Entra's test-connection probes with an empty page",
    async ({ store, acme }) => {
      const users = await store.query(acme, 'User', { filter: `userName eq "${randomUUID()}"` });
      assert.deepEqual(users, { resources: [], totalResults: 0, startIndex: 1 });
      const groups = await store.query(acme, 'Group', {
        filter: `displayName eq "${randomUUID()}"`,
        excludeMembers: true,
      });
      assert.equal(groups.totalResults, 0);
    },
  ],
  [
    'answers every operator and attribute kind of the filter grammar',
    async ({ store, acme }) => {
      await directory(store, acme);
      for (const [filter, expected] of GRAMMAR) {
        assert.deepEqual(await names(store, acme, filter), expected, filter);
      }
    },
  ],
  [
    'filters groups by displayName, externalId, id and members',
    async ({ store, acme }) => {
      const { ann, admins, empty } = await directory(store, acme);
      const byName = await store.query(acme, 'Group', {
        filter: 'displayName eq "ADMINS"',
        excludeMembers: true,
      });
      assert.deepEqual(
        byName.resources.map((group) => group.id),
        [admins!.id],
      );
      assert.equal(
        (await store.query(acme, 'Group', { filter: 'externalId eq "empty"' })).resources[0]?.id,
        empty!.id,
      );
      assert.equal((await store.query(acme, 'Group', { filter: `members eq "${ann!.id}"` })).totalResults, 1);
      assert.equal(
        (await store.query(acme, 'Group', { filter: 'not (members pr)' })).resources[0]?.id,
        empty!.id,
      );
      assert.equal((await store.query(acme, 'Group', { filter: 'members[type eq "user"]' })).totalResults, 1);
    },
  ],
  [
    'rejects a malformed filter with 400 invalidFilter',
    async ({ store, acme }) => {
      for (const filter of [
        'userName eq',
        'userName xx "a"',
        '(userName eq "a"',
        'emails[type eq "work"',
        '',
      ]) {
        await rejectsWith(store.query(acme, 'User', { filter }), 400, 'invalidFilter');
      }
    },
  ],
  [
    'rejects comparisons the schema forbids with 400 invalidFilter',
    async ({ store, acme }) => {
      for (const filter of [
        'active gt true',
        'active eq "maybe"',
        'name eq "x"',
        'title[value eq "x"]',
        'userName gt null',
      ]) {
        await rejectsWith(store.query(acme, 'User', { filter }), 400, 'invalidFilter');
      }
    },
  ],
  [
    'rejects an attribute the store cannot answer with 400 invalidFilter, never an empty or full page',
    async ({ store, acme }) => {
      await store.create(acme, 'User', entraUser('ann.lee'));
      for (const filter of ['meta.location pr', 'password eq "x"', 'not (groups.$ref pr)']) {
        await rejectsWith(store.query(acme, 'User', { filter }), 400, 'invalidFilter');
      }
    },
  ],
  [
    'pages with startIndex and count, reporting every match in totalResults',
    async ({ store, acme }) => {
      await directory(store, acme);
      const page = await store.query(acme, 'User', { sortBy: 'userName', startIndex: 2, count: 2 });
      assert.equal(page.totalResults, 5);
      assert.equal(page.startIndex, 2);
      assert.deepEqual(
        page.resources.map((user) => String(user.userName).toLowerCase()),
        ['bob.ray@contoso.com', 'cid.vo@contoso.com'],
      );
      const none = await store.query(acme, 'User', { count: 0 });
      assert.equal(none.totalResults, 5);
      assert.deepEqual(none.resources, []);
      const past = await store.query(acme, 'User', { startIndex: 10 });
      assert.equal(past.resources.length, 0);
      const clamped = await store.query(acme, 'User', { startIndex: -4, count: -1 });
      assert.equal(clamped.startIndex, 1);
      assert.equal(clamped.resources.length, 0);
    },
  ],
  [
    'sorts ascending and descending, case-insensitively for caseExact=false attributes',
    async ({ store, acme }) => {
      await directory(store, acme);
      const up = await store.query(acme, 'User', { sortBy: 'userName' });
      const down = await store.query(acme, 'User', { sortBy: 'userName', sortOrder: 'descending' });
      const order = up.resources.map((user) => String(user.userName).toLowerCase());
      assert.deepEqual(order, [...order].sort());
      assert.deepEqual(
        down.resources.map((user) => user.id),
        up.resources.map((user) => user.id).reverse(),
      );
      const byTitle = await store.query(acme, 'User', { sortBy: 'title' });
      // Users without a title come last.
      assert.deepEqual(
        byTitle.resources.map((user) => user.title ?? null),
        ['Engineer', 'engineer', 'Sales Manager', null, null],
      );
      const byEmail = await store.query(acme, 'User', { sortBy: 'emails.value', count: 1 });
      assert.equal(byEmail.resources[0]?.userName, 'ann.lee@contoso.com');
    },
  ],
  [
    'walks every match with cursors, once each',
    async ({ store, acme }) => {
      await store.createMany(
        acme,
        'User',
        Array.from({ length: 23 }, (_, index) => entraUser(`user${String(index).padStart(2, '0')}.x`)),
      );
      for (const options of [
        {},
        { sortBy: 'userName', sortOrder: 'descending' as const },
        { sortBy: 'title' },
      ]) {
        const seen: string[] = [];
        let cursor: string | undefined = '';
        let pages = 0;
        while (cursor !== undefined) {
          const page = await store.query(acme, 'User', { ...options, cursor, count: 5 });
          assert.equal(page.totalResults, 23);
          seen.push(...page.resources.map((user) => user.id));
          cursor = page.nextCursor;
          pages++;
        }
        assert.equal(pages, 5);
        assert.equal(seen.length, 23);
        assert.equal(new Set(seen).size, 23);
      }
    },
  ],
  [
    'rejects a cursor that this query did not issue',
    async ({ store, acme }) => {
      await store.createMany(acme, 'User', [entraUser('a.a'), entraUser('b.b'), entraUser('c.c')]);
      const first = await store.query(acme, 'User', { cursor: '', count: 1 });
      assert.ok(first.nextCursor !== undefined);
      await rejectsWith(store.query(acme, 'User', { cursor: 'garbage!', count: 1 }), 400);
      await rejectsWith(
        store.query(acme, 'User', { cursor: first.nextCursor, count: 1, sortBy: 'userName' }),
        400,
      );
      await rejectsWith(store.query(acme, 'User', { cursor: first.nextCursor, startIndex: 1 }), 400);
    },
  ],
];

export const cursorStabilityCases: Case[] = [
  [
    'walks with cursors while rows are inserted and deleted, never skipping or repeating a survivor',
    async ({ store, acme }) => {
      const initial = await store.createMany(
        acme,
        'User',
        Array.from({ length: 40 }, (_, index) => entraUser(`p${String(index).padStart(2, '0')}.x`)),
      );
      for (const options of [
        {},
        { sortBy: 'userName' },
        { sortBy: 'displayName', sortOrder: 'descending' as const },
      ]) {
        const deleted = new Set<string>();
        const seen: string[] = [];
        let cursor: string | undefined = '';
        let step = 0;
        while (cursor !== undefined) {
          const page = await store.query(acme, 'User', { ...options, cursor, count: 4 });
          seen.push(...page.resources.map((user) => user.id));
          cursor = page.nextCursor;
          // Between pages: one insert, and one delete of a row not yet seen or already seen.
          step++;
          await store.create(
            acme,
            'User',
            entraUser(`new${step}.${seen.length}x${Object.keys(options).length}`),
          );
          const victim = initial[(step * 7) % initial.length]!;
          if (!deleted.has(victim.id) && (await store.get(acme, 'User', victim.id)) !== undefined) {
            await store.delete(acme, 'User', victim.id);
            deleted.add(victim.id);
          }
        }
        assert.equal(new Set(seen).size, seen.length, 'no row is repeated');
        const seenSet = new Set(seen);
        for (const user of initial) {
          if (!deleted.has(user.id)) assert.ok(seenSet.has(user.id), `survivor ${user.userName} was skipped`);
        }
        // Put the deleted rows back for the next order.
        for (const user of initial) {
          if (deleted.has(user.id)) {
            const again = await store.create(acme, 'User', { ...entraUser('x'), userName: user.userName });
            initial[initial.indexOf(user)] = again;
          }
        }
      }
    },
  ],
];
