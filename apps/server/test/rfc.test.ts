import {
  RESOURCE_TYPE_SCHEMA,
  type ResourceTypeDefinition,
  SCHEMA_SCHEMA,
  SchemaRegistry,
  type ScimStore,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  validateResource,
} from '@scimkit/schema';
import type { AnyElysia } from 'elysia';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, expectScim, expectScimError, setup, type TestTenant } from './support/http.ts';
import { makeStore } from './support/store.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

let store: ScimStore;
let app: AnyElysia;
let acme: TestTenant;

beforeEach(async () => {
  store = await makeStore();
  const made = await setup(store, ['acme'], { publicUrl: 'https://scim.example.com' });
  app = made.app;
  acme = made.tenants[0]!;
});

async function post(path: string, body: unknown) {
  return call(app, 'POST', `${acme.base}${path}`, { token: acme.token, body });
}
async function get(path: string, headers?: Record<string, string>) {
  return call(
    app,
    'GET',
    `${acme.base}${path}`,
    headers === undefined ? { token: acme.token } : { token: acme.token, headers },
  );
}

async function seedUsers(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const answer = await post('/Users', {
      schemas: [USER, ENTERPRISE],
      userName: `user${String(i).padStart(2, '0')}@contoso.com`,
      displayName: `User ${String.fromCharCode(96 + ((i * 7) % 26) + 1)}`,
      emails: [
        { type: 'work', value: `user${i}@contoso.com`, primary: true },
        { type: 'home', value: `user${i}@home.example` },
      ],
      [ENTERPRISE]: { department: i % 2 === 0 ? 'Sales' : 'Engineering' },
    });
    expectScim(answer, 201);
    ids.push(answer.body.id);
  }
  return ids;
}

describe('paging (RFC 7644 §3.4.2.4)', () => {
  it('pages with 1-based startIndex and count, echoing both and totalling every match', async () => {
    await seedUsers(7);
    const page = await get('/Users?startIndex=3&count=2&sortBy=userName');
    expectScim(page, 200);
    expect(page.body).toMatchObject({ schemas: [LIST], totalResults: 7, startIndex: 3, itemsPerPage: 2 });
    expect(page.body.Resources.map((user: { userName: string }) => user.userName)).toEqual([
      'user03@contoso.com',
      'user04@contoso.com',
    ]);
    const last = await get('/Users?startIndex=6&count=5&sortBy=userName');
    expect(last.body).toMatchObject({ totalResults: 7, startIndex: 6, itemsPerPage: 2 });
    const beyond = await get('/Users?startIndex=50&count=5');
    expect(beyond.body).toMatchObject({ totalResults: 7, startIndex: 50, itemsPerPage: 0, Resources: [] });
  });

  it('treats startIndex below 1 as 1 and a negative count as 0', async () => {
    await seedUsers(3);
    expect((await get('/Users?startIndex=0&count=1')).body).toMatchObject({ startIndex: 1, itemsPerPage: 1 });
    expect((await get('/Users?startIndex=-4&count=1')).body).toMatchObject({
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect((await get('/Users?count=-1')).body).toMatchObject({
      totalResults: 3,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await get('/Users?count=0')).body).toMatchObject({
      totalResults: 3,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('caps count at the maximum page size', async () => {
    const small = await setup(await makeStore(), ['acme'], {
      limits: { maxPageSize: 2, defaultPageSize: 2 },
    });
    const tenant = small.tenants[0]!;
    for (const userName of ['a@x.com', 'b@x.com', 'c@x.com']) {
      await call(small.app, 'POST', `${tenant.base}/Users`, {
        token: tenant.token,
        body: { schemas: [USER], userName },
      });
    }
    const answer = await call(small.app, 'GET', `${tenant.base}/Users?count=100`, { token: tenant.token });
    expect(answer.body).toMatchObject({ totalResults: 3, itemsPerPage: 2 });
  });
});

describe('cursor paging (RFC 9865)', () => {
  it('walks every match with cursor= and nextCursor, then stops', async () => {
    await seedUsers(5);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const answer = await get(`/Users?count=2&sortBy=userName&cursor=${encodeURIComponent(cursor)}`);
      expectScim(answer, 200);
      expect(answer.body.totalResults).toBe(5);
      expect(answer.body.itemsPerPage).toBe(answer.body.Resources.length);
      seen.push(...answer.body.Resources.map((user: { userName: string }) => user.userName));
      if (answer.body.nextCursor === undefined) break;
      cursor = answer.body.nextCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => `user0${i}@contoso.com`));
  });

  it('refuses a query that pages both ways', async () => {
    expectScimError(await get('/Users?cursor=&startIndex=2'), 400, 'invalidValue');
  });

  it('refuses a cursor it did not issue with RFC 9865 invalidCursor', async () => {
    expectScimError(await get('/Users?cursor=not-a-cursor'), 400, 'invalidCursor');
    const first = await get('/Users?count=1&cursor=');
    const next = (first.body as { nextCursor: string }).nextCursor;
    // A cursor belongs to its query: reusing it with another filter is refused, not misread.
    expectScimError(
      await get(`/Users?count=1&filter=active+pr&cursor=${encodeURIComponent(next)}`),
      400,
      'invalidCursor',
    );
  });

  it('refuses a count that is not a number with RFC 9865 invalidCount', async () => {
    expectScimError(await get('/Users?count=many'), 400, 'invalidCount');
  });

  it('advertises both paging styles in the ServiceProviderConfig', async () => {
    expect((await get('/ServiceProviderConfig')).body.pagination).toEqual({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 100,
      maxPageSize: 1000,
    });
  });
});

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it('sorts ascending by default and descending on request', async () => {
    await seedUsers(4);
    const names = (answer: { body: { Resources: { userName: string }[] } }) =>
      answer.body.Resources.map((user) => user.userName);
    expect(names(await get('/Users?sortBy=userName'))).toEqual([
      'user01@contoso.com',
      'user02@contoso.com',
      'user03@contoso.com',
      'user04@contoso.com',
    ]);
    expect(names(await get('/Users?sortBy=userName&sortOrder=descending'))).toEqual([
      'user04@contoso.com',
      'user03@contoso.com',
      'user02@contoso.com',
      'user01@contoso.com',
    ]);
  });
});

describe('projection (RFC 7644 §3.4.2.5)', () => {
  it('returns only the requested attributes, plus id and schemas', async () => {
    const [id] = await seedUsers(1);
    const answer = await get(`/Users/${id}?attributes=userName,emails`);
    expectScim(answer, 200);
    expect(Object.keys(answer.body).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
  });

  it('filters multi-valued elements in attributes=emails[type eq "work"]', async () => {
    const [id] = await seedUsers(1);
    const answer = await get(`/Users/${id}?attributes=${encodeURIComponent('emails[type eq "work"]')}`);
    expect(answer.body.emails).toEqual([{ type: 'work', value: 'user1@contoso.com', primary: true }]);
    const list = await get(`/Users?attributes=${encodeURIComponent('emails[type eq "WORK"].value')}`);
    expect(list.body.Resources[0].emails).toEqual([{ value: 'user1@contoso.com' }]);
  });

  it('leaves out excludedAttributes, case-insensitively and URN-qualified', async () => {
    const [id] = await seedUsers(1);
    const answer = await get(`/Users/${id}?excludedAttributes=EMAILS,${ENTERPRISE}:department`);
    expect(answer.body.emails).toBeUndefined();
    expect(answer.body[ENTERPRISE]).toBeUndefined();
    expect(answer.body.userName).toBe('user01@contoso.com');
    expect(answer.body.id).toBe(id);
  });

  it('never returns the password and always returns id', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'pw@x.com', password: 'hunter2' });
    expect(created.body.password).toBeUndefined();
    const read = await get(`/Users/${created.body.id}?attributes=password&excludedAttributes=id`);
    expect(read.body.password).toBeUndefined();
    expect(read.body.id).toBe(created.body.id);
  });

  it('applies attributes to POST answers too', async () => {
    const created = await call(app, 'POST', `${acme.base}/Users?attributes=userName`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'p@x.com', title: 'Boss' },
    });
    expectScim(created, 201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('rejects a malformed value filter in attributes with 400 before writing', async () => {
    const answer = await call(
      app,
      'POST',
      `${acme.base}/Users?attributes=${encodeURIComponent('emails[type eq]')}`,
      {
        token: acme.token,
        body: { schemas: [USER], userName: 'never@x.com' },
      },
    );
    expectScimError(answer, 400, 'invalidFilter');
    expect((await get('/Users?count=0')).body.totalResults).toBe(0);
  });
});

describe('versions and ETags (RFC 7644 §3.14)', () => {
  it('sends ETag and Location on single resources, matching meta', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'etag@x.com' });
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    expect(created.headers.get('location')).toBe(
      `https://scim.example.com/scim/acme/v2/Users/${created.body.id}`,
    );
    expect(created.body.meta.location).toBe(created.headers.get('location'));
    const read = await get(`/Users/${created.body.id}`);
    expect(read.headers.get('etag')).toBe(created.body.meta.version);
    expect(read.headers.get('location')).toBe(created.headers.get('location'));
  });

  it('answers If-None-Match with the current version with 304', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'etag@x.com' });
    const version = created.body.meta.version as string;
    const cached = await get(`/Users/${created.body.id}`, { 'if-none-match': version });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    expect(cached.headers.get('etag')).toBe(version);
    expect((await get(`/Users/${created.body.id}`, { 'if-none-match': 'W/"stale"' })).status).toBe(200);
    expect((await get(`/Users/${created.body.id}`, { 'if-none-match': '*' })).status).toBe(304);
  });

  it('answers a stale If-Match on PUT and DELETE with 412 and changes nothing', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'etag@x.com' });
    const path = `${acme.base}/Users/${created.body.id}`;
    const stale = { 'if-match': 'W/"stale"' };
    expectScimError(
      await call(app, 'PUT', path, {
        token: acme.token,
        headers: stale,
        body: { schemas: [USER], userName: 'new@x.com' },
      }),
      412,
    );
    expectScimError(await call(app, 'DELETE', path, { token: acme.token, headers: stale }), 412);
    expectScimError(
      await call(app, 'DELETE', path, { token: acme.token, headers: { 'if-match': 'W/"a", W/"b"' } }),
      412,
    );
    expect((await get(`/Users/${created.body.id}`)).body.userName).toBe('etag@x.com');
  });

  it('answers a stale If-Match on PATCH with 412 and changes nothing', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'etag@x.com' });
    const answer = await call(app, 'PATCH', `${acme.base}/Users/${created.body.id}`, {
      token: acme.token,
      headers: { 'if-match': 'W/"999"' },
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'title', value: 'x' }],
      },
    });
    expectScimError(answer, 412);
    const read = await get(`/Users/${created.body.id}`);
    expect(read.body.title).toBeUndefined();
    expect(read.body.meta.version).toBe(created.body.meta.version);
  });

  it('accepts the current version in If-Match and returns a new one', async () => {
    const created = await post('/Users', { schemas: [USER], userName: 'etag@x.com' });
    const path = `${acme.base}/Users/${created.body.id}`;
    const replaced = await call(app, 'PUT', path, {
      token: acme.token,
      headers: { 'if-match': created.body.meta.version },
      body: { schemas: [USER], userName: 'etag@x.com', title: 'Changed' },
    });
    expectScim(replaced, 200);
    expect(replaced.body.title).toBe('Changed');
    expect(replaced.headers.get('etag')).not.toBe(created.body.meta.version);
    const deleted = await call(app, 'DELETE', path, {
      token: acme.token,
      headers: { 'if-match': `W/"other", ${replaced.body.meta.version}` },
    });
    expect(deleted.status).toBe(204);
  });
});

describe('POST /.search (RFC 7644 §3.4.3)', () => {
  it('searches one resource type with a SearchRequest body', async () => {
    await seedUsers(5);
    const answer = await post('/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: `${ENTERPRISE}:department eq "Sales"`,
      attributes: ['userName'],
      sortBy: 'userName',
      startIndex: 1,
      count: 1,
    });
    expectScim(answer, 200);
    expect(answer.body).toMatchObject({ totalResults: 2, itemsPerPage: 1, startIndex: 1 });
    expect(answer.body.Resources).toEqual([
      { schemas: expect.any(Array), id: expect.any(String), userName: 'user02@contoso.com' },
    ]);
  });

  it('searches every resource type at the root, paging across them', async () => {
    await seedUsers(3);
    await post('/Groups', { schemas: [GROUP], displayName: 'Sales' });
    const all = await post('/.search', { filter: 'meta.created pr', count: 10 });
    expectScim(all, 200);
    expect(all.body.totalResults).toBe(4);
    const page = await post('/.search', { filter: 'meta.created pr', startIndex: 3, count: 2 });
    expect(page.body).toMatchObject({ totalResults: 4, startIndex: 3, itemsPerPage: 2 });
    expect(page.body.Resources[1].displayName).toBe('Sales');
  });

  it('rejects a search body that is not a SearchRequest', async () => {
    expectScimError(await post('/Users/.search', [1]), 400, 'invalidSyntax');
    expectScimError(await post('/Users/.search', { attributes: 5 }), 400, 'invalidValue');
    expectScimError(await post('/Users/.search', { filter: 'userName eq' }), 400, 'invalidFilter');
  });
});

describe('POST /Bulk (RFC 7644 §3.7)', () => {
  it('runs operations in order and resolves bulkId references, even forward ones', async () => {
    const answer = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'team',
          data: { schemas: [GROUP], displayName: 'Team', members: [{ value: 'bulkId:alice' }] },
        },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'alice',
          data: { schemas: [USER], userName: 'alice@x.com' },
        },
        {
          method: 'PUT',
          path: '/Users/bulkId:alice',
          data: { schemas: [USER], userName: 'alice@x.com', title: 'Lead' },
        },
      ],
    });
    expectScim(answer, 200);
    expect(answer.body.schemas).toEqual([BULK_RESPONSE]);
    const [team, alice, put] = answer.body.Operations;
    expect(alice).toMatchObject({ method: 'POST', bulkId: 'alice', status: '201' });
    expect(team).toMatchObject({ method: 'POST', bulkId: 'team', status: '201' });
    expect(put).toMatchObject({ method: 'PUT', status: '200' });
    const aliceId = alice.location.split('/').at(-1);
    expect(alice.location).toBe(`https://scim.example.com/scim/acme/v2/Users/${aliceId}`);
    expect(put.location).toBe(alice.location);
    const group = await get(`/Groups/${team.location.split('/').at(-1)}`);
    expect(group.body.members.map((member: { value: string }) => member.value)).toEqual([aliceId]);
    expect((await get(`/Users/${aliceId}`)).body.title).toBe('Lead');
  });

  it('reports each failure in place and stops after failOnErrors', async () => {
    const answer = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      failOnErrors: 2,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'a@x.com' } },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER], userName: 'A@x.com' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'b@x.com' } },
        { method: 'DELETE', path: '/Users/does-not-exist' },
        { method: 'POST', path: '/Users', bulkId: 'c', data: { schemas: [USER], userName: 'c@x.com' } },
      ],
    });
    expectScim(answer, 200);
    expect(answer.body.Operations.map((operation: { status: string }) => operation.status)).toEqual([
      '201',
      '409',
      '201',
      '404',
    ]);
    expect(answer.body.Operations[1].response).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
    });
    const names = await get('/Users?sortBy=userName');
    expect(names.body.Resources.map((user: { userName: string }) => user.userName)).toEqual([
      'a@x.com',
      'b@x.com',
    ]);
  });

  it('fails operations whose bulkId refers to a failed, unknown or circular operation with 409', async () => {
    const answer = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER] } },
        { method: 'PUT', path: '/Users/bulkId:bad', data: { schemas: [USER], userName: 'x@x.com' } },
        { method: 'PUT', path: '/Users/bulkId:never', data: { schemas: [USER], userName: 'y@x.com' } },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: { schemas: [GROUP], displayName: 'G1', members: [{ value: 'bulkId:g2' }] },
        },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g2',
          data: { schemas: [GROUP], displayName: 'G2', members: [{ value: 'bulkId:g1' }] },
        },
      ],
    });
    const byBulkId = Object.fromEntries(
      answer.body.Operations.map(
        (operation: { bulkId?: string; status: string; method: string }, index: number) => [
          operation.bulkId ?? `${operation.method}${index}`,
          operation.status,
        ],
      ),
    );
    expect(byBulkId).toMatchObject({ bad: '400', g1: '409', g2: '409' });
    expect(
      answer.body.Operations.filter((operation: { status: string }) => operation.status === '409'),
    ).toHaveLength(4);
  });

  it('answers an operation with a bad shape with its own 400', async () => {
    const answer = await post('/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'GET', path: '/Users' },
        { method: 'POST', path: '/Users', data: { schemas: [USER], userName: 'x@x.com' } },
        { method: 'PATCH', path: '/Users', data: { Operations: [] } },
        { method: 'POST', path: '/Widgets', bulkId: 'w', data: {} },
        'nonsense',
      ],
    });
    expect(answer.body.Operations.map((operation: { status: string }) => operation.status)).toEqual([
      '400',
      '400',
      '400',
      '400',
      '400',
    ]);
  });

  it('refuses more operations than maxOperations and larger payloads than maxPayloadSize with 413', async () => {
    const small = await setup(await makeStore(), ['acme'], {
      limits: { bulkMaxOperations: 2, bulkMaxPayloadBytes: 2048 },
    });
    const tenant = small.tenants[0]!;
    const operation = { method: 'DELETE', path: '/Users/x' };
    const tooMany = await call(small.app, 'POST', `${tenant.base}/Bulk`, {
      token: tenant.token,
      body: { schemas: [BULK_REQUEST], Operations: [operation, operation, operation] },
    });
    expectScimError(tooMany, 413);
    expect(tooMany.body.detail).toBe('The bulk request has 3 operations; the maximum is 2.');
    const tooLarge = await call(small.app, 'POST', `${tenant.base}/Bulk`, {
      token: tenant.token,
      body: { schemas: [BULK_REQUEST], Operations: [{ ...operation, padding: 'x'.repeat(3000) }] },
    });
    expectScimError(tooLarge, 413);
  });

  it('rejects a malformed bulk request', async () => {
    expectScimError(await post('/Bulk', { Operations: 'x' }), 400, 'invalidSyntax');
    expectScimError(await post('/Bulk', { Operations: [], failOnErrors: 0 }), 400, 'invalidValue');
  });
});

describe('discovery (RFC 7644 §4, RFC 7643 §5–§7)', () => {
  const meta: ResourceTypeDefinition[] = [
    {
      id: 'Schema',
      name: 'Schema',
      description: '',
      endpoint: '/Schemas',
      schema: SCHEMA_SCHEMA.id,
      schemaExtensions: [],
    },
    {
      id: 'ResourceType',
      name: 'ResourceType',
      description: '',
      endpoint: '/ResourceTypes',
      schema: RESOURCE_TYPE_SCHEMA.id,
      schemaExtensions: [],
    },
    {
      id: 'ServiceProviderConfig',
      name: 'ServiceProviderConfig',
      description: '',
      endpoint: '/ServiceProviderConfig',
      schema: SERVICE_PROVIDER_CONFIG_SCHEMA.id,
      schemaExtensions: [],
    },
  ];
  const discovery = new SchemaRegistry({
    schemas: [SCHEMA_SCHEMA, RESOURCE_TYPE_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA],
    resourceTypes: meta,
  });
  // `pagination` is RFC 9865's addition to the RFC 7643 §5 schema.
  const validates = (type: string, document: unknown) =>
    validateResource(discovery, type, document, {
      mode: 'patch',
      onIgnored: (path) => (path === 'pagination' ? undefined : expect.fail(`unknown ${path}`)),
    });

  it('serves a ServiceProviderConfig that validates and advertises what works', async () => {
    const answer = await get('/ServiceProviderConfig');
    expectScim(answer, 200);
    validates('ServiceProviderConfig', answer.body);
    expect(answer.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      meta: {
        resourceType: 'ServiceProviderConfig',
        location: 'https://scim.example.com/scim/acme/v2/ServiceProviderConfig',
      },
    });
  });

  it('serves /Schemas as a ListResponse of schemas that validate, externalId included', async () => {
    const answer = await get('/Schemas');
    expectScim(answer, 200);
    expect(answer.body.schemas).toEqual([LIST]);
    const ids = answer.body.Resources.map((schema: { id: string }) => schema.id);
    expect(ids).toEqual(expect.arrayContaining([USER, GROUP, ENTERPRISE]));
    expect(answer.body.totalResults).toBe(ids.length);
    for (const schema of answer.body.Resources) validates('Schema', schema);
    const user = answer.body.Resources.find((schema: { id: string }) => schema.id === USER);
    expect(user.attributes.map((attribute: { name: string }) => attribute.name)).toContain('externalId');
    const one = await get(`/Schemas/${ENTERPRISE}`);
    expectScim(one, 200);
    expect(one.body.id).toBe(ENTERPRISE);
    expectScimError(await get('/Schemas/urn:nope'), 404);
  });

  it('serves /ResourceTypes that validate', async () => {
    const answer = await get('/ResourceTypes');
    expectScim(answer, 200);
    expect(answer.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User', 'Group']);
    for (const type of answer.body.Resources) validates('ResourceType', type);
    const user = await get('/ResourceTypes/User');
    expect(user.body).toMatchObject({
      endpoint: '/Users',
      schema: USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }],
    });
    expectScimError(await get('/ResourceTypes/Widget'), 404);
  });

  it('answers a filter on a discovery endpoint with 403', async () => {
    expectScimError(await get('/Schemas?filter=id+eq+%22x%22'), 403);
  });
});

describe('references (RFC 7643 §4.1.2, §4.2)', () => {
  it('gives members and groups the $ref URL of the resource they name', async () => {
    const [userId] = await seedUsers(1);
    const group = await post('/Groups', {
      schemas: [GROUP],
      displayName: 'Sales',
      members: [{ value: userId }],
    });
    expectScim(group, 201);
    const groupId = group.body.id as string;
    expect((await get(`/Groups/${groupId}`)).body.members).toEqual([
      {
        value: userId,
        display: 'User h',
        type: 'User',
        $ref: `https://scim.example.com${acme.base}/Users/${userId}`,
      },
    ]);
    expect((await get(`/Users/${userId}`)).body.groups).toEqual([
      {
        value: groupId,
        display: 'Sales',
        type: 'direct',
        $ref: `https://scim.example.com${acme.base}/Groups/${groupId}`,
      },
    ]);
  });
});
