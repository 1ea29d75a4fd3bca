import {
  type AttributePath,
  type ComparisonOperator,
  compareCodePoints,
  compileFilter,
  type Filter,
  type FilterValue,
  foldCase,
  parseDateTime,
  parseFilter,
  stringifyFilter,
} from '@scimkit/filter';
import { defineExtension, isScimError, type SchemaRegistry, type ScimResource } from '@scimkit/schema';
import { ENTERPRISE } from '@scimkit/test-utils';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/entries/node.ts';
import type { SqliteStore } from '../src/store.ts';

/**
 * The SQL compiler's proof: for generated directories and generated filters, the rows the
 * store returns are exactly the resources `matchesFilter` (the reference evaluator of
 * @scimkit/filter) accepts, and a filter the evaluator rejects is rejected by the store.
 */

const TEST_EXTENSION = 'urn:ietf:params:scim:schemas:extension:Test:2.0:User';
const CTX = { tenantId: 'eq' };

// Characters that stress case folding and ordering: ASCII, Latin-1, ß, dotted İ, a titlecase
// digraph, an astral letter (surrogates in UTF-16), digits and separators.
const CHAR = fc.constantFrom(
  'a',
  'A',
  'b',
  'B',
  'z',
  'é',
  'É',
  'ß',
  'İ',
  'i',
  'ǅ',
  '𝔸',
  '\uFFFD',
  '1',
  '-',
  '@',
  '.',
  ' ',
);
const TEXT = fc.array(CHAR, { maxLength: 5 }).map((chars) => chars.join(''));
// Stored values pass the schema's xsd:dateTime check; filter values may be any case.
const INSTANTS = [
  '2020-01-01T00:00:00Z',
  '2020-01-01T02:00:00+02:00',
  '2019-12-31T23:59:59.999Z',
  '2020-01-01T00:00:00.5Z',
  '2020-01-01T00:00:00.1234567',
  '2024-02-29T12:00:00-05:30',
  '0001-01-01T00:00:00Z',
];
const DATE = fc.constantFrom(...INSTANTS);
const FILTER_DATE = fc.constantFrom(
  ...INSTANTS,
  '2020-01-01t00:00:00.5z',
  '2020-01-01T00:00:01.0001+00:00',
  '2020-02-30T00:00:00Z',
);

const user = fc.record(
  {
    externalId: TEXT,
    displayName: TEXT,
    title: fc.option(TEXT, { nil: undefined }),
    nickName: fc.option(TEXT, { nil: undefined }),
    active: fc.constantFrom(true, false, 'True', 'False'),
    name: fc.option(
      fc.record(
        { givenName: TEXT, familyName: fc.option(TEXT, { nil: undefined }) },
        { requiredKeys: ['givenName'] },
      ),
      {
        nil: undefined,
      },
    ),
    emails: fc.option(
      fc.array(
        fc.record({
          type: fc.constantFrom('work', 'Work', 'home', 'other'),
          value: TEXT,
          primary: fc.boolean(),
        }),
        {
          maxLength: 3,
        },
      ),
      { nil: undefined },
    ),
    addresses: fc.option(
      fc.array(fc.record({ locality: TEXT, country: fc.constantFrom('US', 'us', 'DE') }), { maxLength: 2 }),
      {
        nil: undefined,
      },
    ),
    enterprise: fc.option(
      fc.record({ department: TEXT, employeeNumber: fc.constantFrom('7', '42', 'E-1') }),
      {
        nil: undefined,
      },
    ),
    test: fc.option(
      fc.record(
        {
          score: fc.double({ min: -100, max: 100, noNaN: true }),
          rank: fc.integer({ min: -5, max: 5 }),
          since: DATE,
          vip: fc.boolean(),
          code: TEXT,
          tags: fc.array(TEXT, { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['externalId', 'displayName', 'active'] },
);

type GeneratedUser = typeof user extends fc.Arbitrary<infer T> ? T : never;

function toInput(generated: GeneratedUser, index: number): Record<string, unknown> {
  const input: Record<string, unknown> = {
    userName: `u${index}${generated.displayName}`,
    externalId: generated.externalId,
    displayName: generated.displayName,
    active: generated.active,
  };
  if (generated.title !== undefined) input.title = generated.title;
  if (generated.nickName !== undefined) input.nickName = generated.nickName;
  if (generated.name !== undefined) input.name = generated.name;
  if (generated.emails !== undefined) {
    // At most one primary (RFC 7643 §2.4).
    input.emails = generated.emails.map((email, position) => ({
      ...email,
      primary: email.primary && position === 0,
    }));
  }
  if (generated.addresses !== undefined) input.addresses = generated.addresses;
  if (generated.enterprise !== undefined) input[ENTERPRISE] = generated.enterprise;
  if (generated.test !== undefined) input[TEST_EXTENSION] = generated.test;
  return input;
}

/** Paths a top-level filter may name, including ones the schema does not define. */
const USER_PATHS = [
  'userName',
  'externalId',
  'displayName',
  'title',
  'nickName',
  'active',
  'name',
  'name.givenName',
  'name.familyName',
  'name.nope',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'emails.display',
  'addresses.locality',
  'addresses.country',
  'groups',
  'groups.value',
  'groups.display',
  'groups.type',
  'id',
  'meta.created',
  'meta.lastModified',
  'meta.resourceType',
  'meta.version',
  'schemas',
  `${ENTERPRISE}:department`,
  'employeeNumber',
  'manager',
  `${TEST_EXTENSION}:score`,
  `${TEST_EXTENSION}:rank`,
  `${TEST_EXTENSION}:since`,
  `${TEST_EXTENSION}:vip`,
  `${TEST_EXTENSION}:code`,
  `${TEST_EXTENSION}:tags`,
  'favoriteColor',
];

const GROUP_PATHS = [
  'displayName',
  'externalId',
  'id',
  'members',
  'members.value',
  'members.type',
  'members.display',
  'meta.lastModified',
  'schemas',
  'userName',
];

/** Complex attributes a value filter may open, with the sub-attributes it may test. */
const VALUE_PATHS: Record<'User' | 'Group', Record<string, string[]>> = {
  User: {
    emails: ['value', 'type', 'primary', 'display', 'nope'],
    addresses: ['locality', 'country', 'type'],
    name: ['givenName', 'familyName'],
    groups: ['value', 'display', 'type'],
    meta: ['created', 'resourceType', 'version'],
    title: ['value'],
  },
  Group: { members: ['value', 'type', 'display'] },
};

const OPERATORS: ComparisonOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

function toPath(text: string): AttributePath {
  if (text.startsWith('urn:')) {
    const colon = text.lastIndexOf(':');
    return { schema: text.slice(0, colon), attribute: text.slice(colon + 1) };
  }
  const [attribute, subAttribute] = text.split('.') as [string, string | undefined];
  return subAttribute === undefined ? { attribute } : { attribute, subAttribute };
}

/** Leaf values found at `path` in the resources (the same path a filter names). */
function valuesAt(resources: readonly ScimResource[], path: string): unknown[] {
  const found: unknown[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    else if (value !== undefined) found.push(value);
  };
  const { schema, attribute, subAttribute } = toPath(path);
  for (const resource of resources) {
    const container = schema === undefined || !schema.includes(':extension:') ? resource : resource[schema];
    const value = (container as Record<string, unknown> | undefined)?.[attribute];
    if (subAttribute === undefined) collect(value);
    else
      for (const item of Array.isArray(value) ? value : [value])
        collect((item as Record<string, unknown> | undefined)?.[subAttribute]);
  }
  return found;
}

/** Cuts by code point: a filter value is well-formed Unicode (a lone surrogate has no UTF-8 form). */
function cut(text: string, from: number, to?: number): string {
  return Array.from(text).slice(from, to).join('');
}

/** Values for a comparison on `path`: mostly what the data holds there, re-cased or cut, else anything. */
function valueArbitrary(seen: readonly unknown[]): fc.Arbitrary<FilterValue> {
  const texts = seen.filter((value): value is string => typeof value === 'string');
  const scalars = seen.filter(
    (value): value is number | boolean => typeof value === 'number' || typeof value === 'boolean',
  );
  const text = texts.length === 0 ? TEXT : fc.constantFrom(...texts);
  const options: fc.WeightedArbitrary<FilterValue>[] = [
    { weight: 4, arbitrary: text },
    { weight: 2, arbitrary: text.map((value) => value.toUpperCase()) },
    { weight: 2, arbitrary: text.map((value) => cut(value, 0, Math.ceil(Array.from(value).length / 2))) },
    { weight: 1, arbitrary: text.map((value) => cut(value, Math.floor(Array.from(value).length / 2))) },
    { weight: 1, arbitrary: TEXT },
    { weight: 1, arbitrary: fc.integer({ min: -6, max: 6 }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom('True', 'false', '42', '7') },
    { weight: 1, arbitrary: FILTER_DATE },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (scalars.length > 0) {
    options.push({ weight: 4, arbitrary: fc.constantFrom(...scalars) });
    options.push({ weight: 1, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) });
  }
  return fc.oneof(...options);
}

function filterArbitrary(type: 'User' | 'Group', resources: readonly ScimResource[]): fc.Arbitrary<Filter> {
  const leaf = (paths: readonly string[], relativeTo?: string): fc.Arbitrary<Filter> =>
    fc.constantFrom(...paths).chain((text) => {
      const path = relativeTo === undefined ? toPath(text) : { attribute: text };
      const seen = valuesAt(resources, relativeTo === undefined ? text : `${relativeTo}.${text}`);
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.record({
            type: fc.constant('comparison' as const),
            path: fc.constant(path),
            operator: fc.constantFrom(...OPERATORS),
            value: valueArbitrary(seen),
          }),
        },
        { weight: 1, arbitrary: fc.constant<Filter>({ type: 'present', path }) },
      );
    });
  const valuePath = fc.constantFrom(...Object.entries(VALUE_PATHS[type])).chain(([attribute, subs]) => {
    const inner = leaf(subs, attribute);
    const body = fc.oneof(
      inner,
      fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: inner, right: inner }),
      inner.map((filter) => ({ type: 'not' as const, filter })),
    );
    return body.map((filter): Filter => ({ type: 'valuePath', path: { attribute }, filter }));
  });
  const top = leaf(type === 'User' ? USER_PATHS : GROUP_PATHS);
  const { tree } = fc.letrec<{ tree: Filter }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      top,
      valuePath,
      fc.record({
        type: fc.constantFrom('and' as const, 'or' as const),
        left: tie('tree'),
        right: tie('tree'),
      }),
      tie('tree').map((filter) => ({ type: 'not' as const, filter })),
    ),
  }));
  return tree;
}

async function seed(users: GeneratedUser[], groupsOf: number[][]): Promise<{ store: SqliteStore }> {
  const store = createSqliteStore({ filename: ':memory:', now: ticking() });
  await store.createTenant({ name: 'eq', id: 'eq' });
  await store.registerExtension(
    'eq',
    'User',
    defineExtension(TEST_EXTENSION, {
      score: 'decimal',
      rank: 'integer',
      since: 'dateTime',
      vip: 'boolean',
      code: { type: 'string', caseExact: true },
      tags: { type: 'string', multiValued: true },
    }),
  );
  const created: ScimResource[] = [];
  for (const [index, generated] of users.entries()) {
    created.push(await store.create(CTX, 'User', toInput(generated, index)));
  }
  for (const [index, members] of groupsOf.entries()) {
    const ids = members
      .filter((member) => member < created.length)
      .map((member) => ({ value: created[member]!.id }));
    await store.create(CTX, 'Group', {
      displayName: `G${index}${index % 2 === 0 ? 'é' : 'É'}`,
      members: ids,
      externalId: `g${index}`,
    });
  }
  return { store };
}

/** A clock that moves 1.5 s per call, so meta timestamps differ and compare meaningfully. */
function ticking(): () => Date {
  let time = Date.parse('2020-01-01T00:00:00Z') - 10_000;
  return () => {
    time += 1500;
    return new Date(time);
  };
}

/** How the generated filters fell out, reported once: a generator that only ever errs proves nothing. */
const stats = { error: 0, empty: 0, full: 0, partial: 0 };

async function assertEquivalent(store: SqliteStore, type: 'User' | 'Group', filter: Filter): Promise<void> {
  const text = stringifyFilter(filter);
  const registry = await store.registry('eq');
  const all = (await store.query(CTX, type, { count: 1000 })).resources;
  let predicate: ((resource: object) => boolean) | undefined;
  let referenceError: unknown;
  try {
    predicate = compileFilter(parseFilter(text), { registry, resourceType: type });
  } catch (error) {
    referenceError = error;
  }
  if (predicate === undefined) {
    stats.error++;
    expect(isScimError(referenceError), String(referenceError)).toBe(true);
    await expect(store.query(CTX, type, { filter: text }), text).rejects.toMatchObject({
      status: 400,
      scimType: 'invalidFilter',
    });
    return;
  }
  const expected = all
    .filter((resource) => predicate(resource))
    .map((resource) => resource.id)
    .sort();
  const page = await store.query(CTX, type, { filter: text, count: 1000 });
  const actual = page.resources.map((resource) => resource.id).sort();
  if (expected.length === 0) stats.empty++;
  else if (expected.length === all.length) stats.full++;
  else stats.partial++;
  expect(actual, text).toEqual(expected);
  expect(page.totalResults, text).toBe(expected.length);
}

describe('filter → SQL equivalence with matchesFilter', () => {
  afterAll(() => {
    console.log('equivalence outcomes', stats);
    // Most filters must select some but not all rows, or the property would be vacuous.
    expect(stats.partial).toBeGreaterThan((stats.error + stats.empty + stats.full) / 4);
  });

  const directory = fc.tuple(
    fc.array(user, { minLength: 3, maxLength: 7 }),
    fc.array(fc.array(fc.nat({ max: 6 }), { maxLength: 4 }), { maxLength: 3 }),
  );

  it('returns exactly the users the reference evaluator matches, for generated users and filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        directory,
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        async ([users, groups], seeds) => {
          const { store } = await seed(users, groups);
          try {
            const all = (await store.query(CTX, 'User', { count: 1000 })).resources;
            const filters = fc.sample(filterArbitrary('User', all), {
              numRuns: seeds.length,
              seed: seeds[0]!,
            });
            for (const filter of filters) await assertEquivalent(store, 'User', filter);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: Number(process.env.EQUIVALENCE_RUNS ?? 60) },
    );
  }, 60_000);

  it('returns exactly the groups the reference evaluator matches, members included', async () => {
    await fc.assert(
      fc.asyncProperty(directory, fc.nat(), async ([users, groups], seedValue) => {
        const { store } = await seed(users, groups.length === 0 ? [[0]] : groups);
        try {
          const all = (await store.query(CTX, 'Group', { count: 1000 })).resources;
          for (const filter of fc.sample(filterArbitrary('Group', all), { numRuns: 10, seed: seedValue })) {
            await assertEquivalent(store, 'Group', filter);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: Number(process.env.EQUIVALENCE_RUNS ?? 60) / 2 },
    );
  }, 60_000);
});

/** Paths `sortBy` may name in the sort property, with ones that resolve to nothing. */
const SORT_PATHS = [
  'userName',
  'title',
  'displayName',
  'name.familyName',
  'externalId',
  'emails',
  'emails.value',
  'emails.type',
  'addresses.locality',
  'groups.display',
  'groups.value',
  'meta.created',
  'active',
  `${TEST_EXTENSION}:score`,
  `${TEST_EXTENSION}:rank`,
  `${TEST_EXTENSION}:since`,
  `${TEST_EXTENSION}:vip`,
  `${TEST_EXTENSION}:code`,
  `${TEST_EXTENSION}:tags`,
  'favoriteColor',
];

type SortKey = string | number | null;

/** RFC 7644 §3.4.2.3, independently of the store: the value a resource sorts by. */
function sortKeyOf(registry: SchemaRegistry, resource: ScimResource, sortBy: string): SortKey {
  const resolved = registry.resolve('User', sortBy);
  if (resolved === undefined) return null;
  const { attribute, subAttribute, extension, schema } = resolved;
  const container = extension ? (resource[schema!] as Record<string, unknown> | undefined) : resource;
  let value = container?.[attribute.name];
  const sub = subAttribute?.name ?? (attribute.type === 'complex' ? 'value' : undefined);
  if (Array.isArray(value)) {
    const primary = value.find((item) => (item as { primary?: unknown })?.primary === true);
    value = primary ?? value[0];
  }
  if (sub !== undefined) value = (value as Record<string, unknown> | undefined)?.[sub];
  const definition = resolved.definition.type === 'complex' ? undefined : resolved.definition;
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (definition?.type === 'dateTime' || sortBy === 'meta.created') {
    const instant = parseDateTime(String(value));
    return Number.isNaN(instant) ? null : instant;
  }
  const caseExact =
    sortBy === 'meta.created' ? false : (definition?.caseExact ?? subAttribute?.caseExact ?? false);
  return caseExact ? String(value) : foldCase(String(value));
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareCodePoints(String(a), String(b));
}

describe('sorting and cursors agree with RFC 7644 §3.4.2.3', () => {
  it('orders users by any sortBy, both ways, and a cursor walk yields the same order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(user, { minLength: 3, maxLength: 8 }),
        fc.array(fc.array(fc.nat({ max: 7 }), { maxLength: 4 }), { maxLength: 3 }),
        fc.constantFrom(...SORT_PATHS),
        fc.boolean(),
        async (users, groups, sortBy, descending) => {
          const { store } = await seed(users, groups);
          try {
            const registry = await store.registry('eq');
            const all = (await store.query(CTX, 'User', { count: 1000 })).resources;
            // Ties go by creation (the test clock gives each write its own instant).
            const byCreation = [...all].sort(
              (a, b) => Date.parse(a.meta.created) - Date.parse(b.meta.created),
            );
            const expected = byCreation
              .map((resource) => ({ resource, key: sortKeyOf(registry, resource, sortBy) }))
              .sort((a, b) => {
                const order = compareKeys(a.key, b.key);
                if (order !== 0)
                  return descending ? (a.key === null ? -1 : b.key === null ? 1 : -order) : order;
                return descending ? byCreation.indexOf(b.resource) - byCreation.indexOf(a.resource) : 0;
              })
              .map(({ resource }) => resource.id);
            const sortOrder = descending ? ('descending' as const) : ('ascending' as const);
            const page = await store.query(CTX, 'User', { sortBy, sortOrder, count: 1000 });
            expect(
              page.resources.map((resource) => resource.id),
              `${sortBy} ${sortOrder}`,
            ).toEqual(expected);
            const walked: string[] = [];
            let cursor: string | undefined = '';
            while (cursor !== undefined) {
              const next = await store.query(CTX, 'User', { sortBy, sortOrder, cursor, count: 2 });
              walked.push(...next.resources.map((resource) => resource.id));
              cursor = next.nextCursor;
            }
            expect(walked, `cursor walk by ${sortBy} ${sortOrder}`).toEqual(expected);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: Number(process.env.EQUIVALENCE_RUNS ?? 60) },
    );
  }, 60_000);
});
