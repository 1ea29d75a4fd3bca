import { type ScimStore, validateResource } from '@scimkit/schema';
import type { AnyElysia } from 'elysia';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectScim, setup, type TestTenant } from './support/http.ts';
import { makeStore } from './support/store.ts';

/**
 * Bad input of every shape gets a SCIM error, never a 500, and never leaves a stored resource
 * that fails its schema: random methods, paths, query parameters and bodies (random JSON, and
 * PATCH and resource bodies built from SCIM-looking pieces).
 */

let store: ScimStore;
let app: AnyElysia;
let acme: TestTenant;
let userId: string;
let groupId: string;

beforeAll(async () => {
  store = await makeStore();
  const made = await setup(store, ['acme']);
  app = made.app;
  acme = made.tenants[0]!;
  userId = (
    await call(app, 'POST', `${acme.base}/Users`, { token: acme.token, body: { userName: 'seed@x.com' } })
  ).body.id;
  groupId = (
    await call(app, 'POST', `${acme.base}/Groups`, {
      token: acme.token,
      body: { displayName: 'Seed', members: [{ value: userId }] },
    })
  ).body.id;
});

const names = fc.constantFrom(
  'userName',
  'USERNAME',
  'name.givenName',
  'emails',
  'emails.value',
  'emails[type eq "work"].value',
  'members',
  'members[value eq "x"]',
  'active',
  'id',
  'meta.lastModified',
  'groups',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
  'urn:ietf:params:scim:schemas:extension:Custom:2.0:User:x',
  'displayName',
  'x509Certificates.value',
  '__proto__',
  'constructor.prototype',
);
const token = fc.oneof(
  names,
  fc.constantFrom(
    'eq',
    'ne',
    'co',
    'sw',
    'gt',
    'pr',
    'and',
    'or',
    'not',
    '(',
    ')',
    '[',
    ']',
    '"a"',
    'true',
    'null',
    '1.5e3',
    '"',
    '\\',
  ),
  fc.string({ maxLength: 6 }),
);
const soup = fc.array(token, { maxLength: 8 }).map((parts) => parts.join(' '));
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('True', 'False', '', null, [], {}));
const operation = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'Replace', 'remove', 'REMOVE'), fc.string({ maxLength: 5 })),
    path: fc.oneof(names, soup),
    value,
  },
  { requiredKeys: [] },
);
const patchBody = fc.record(
  {
    schemas: fc.oneof(
      fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    Operations: fc.oneof(fc.array(operation, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: [] },
);
const resourceBody = fc.dictionary(fc.oneof(names, fc.string({ maxLength: 8 })), value, { maxKeys: 6 });
const body = fc.oneof(patchBody, resourceBody, fc.jsonValue({ maxDepth: 4 }));
const query = fc
  .record(
    {
      filter: soup,
      attributes: fc.oneof(names, soup),
      excludedAttributes: names,
      sortBy: fc.oneof(names, fc.string({ maxLength: 5 })),
      sortOrder: fc.constantFrom('ascending', 'descending', 'sideways'),
      startIndex: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
      count: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
      cursor: fc.string({ maxLength: 12 }),
    },
    { requiredKeys: [] },
  )
  .map((params) => {
    const search = new URLSearchParams();
    for (const [key, item] of Object.entries(params)) search.set(key, String(item));
    return search.size === 0 ? '' : `?${search}`;
  });

describe('random requests', () => {
  it('never answer 5xx, always answer errors as SCIM errors, and keep stored resources valid', async () => {
    const target = fc.constantFrom(
      () => '/Users',
      () => '/Groups',
      () => `/Users/${userId}`,
      () => `/Groups/${groupId}`,
      () => '/Users/00000000-0000-4000-8000-000000000000',
      () => '/.search',
      () => '/Users/.search',
      () => '/Bulk',
      () => '/Schemas/urn:x',
      () => '/ResourceTypes/Nope',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH'),
        target,
        query,
        body,
        async (method, path, search, payload) => {
          const answer = await call(app, method, `${acme.base}${path()}${search}`, {
            token: acme.token,
            ...(method === 'GET' ? {} : { body: payload }),
          });
          expect(
            answer.status,
            `${method} ${path()}${search} ${JSON.stringify(payload)}\n${answer.text}`,
          ).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
            expect(answer.body).toMatchObject({
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: String(answer.status),
            });
          }
        },
      ),
      { numRuns: 400 },
    );
    for (const path of [`/Users/${userId}`, `/Groups/${groupId}`]) {
      const answer = await call(app, 'GET', `${acme.base}${path}`, { token: acme.token });
      expectScim(answer, 200);
      const type = path.startsWith('/Users') ? 'User' : 'Group';
      // The registry may have learned custom extensions; validate against the tenant's own.
      const tenantRegistry = await store.registry('acme');
      expect(() => validateResource(tenantRegistry, type, answer.body, { mode: 'patch' })).not.toThrow();
    }
  });
});
