import type { ScimStore } from '@scimkit/schema';
import type { AnyElysia } from 'elysia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, createRateLimiter } from '../src/index.ts';
import { call, expectScim, expectScimError, setup, type TestTenant } from './support/http.ts';
import { makeStore } from './support/store.ts';

let store: ScimStore;
let app: AnyElysia;
let acme: TestTenant;
let globex: TestTenant;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

beforeEach(async () => {
  store = await makeStore();
  const made = await setup(store, ['acme', 'globex']);
  app = made.app;
  [acme, globex] = made.tenants as [TestTenant, TestTenant];
});

async function createUser(tenant: TestTenant, userName: string): Promise<string> {
  const answer = await call(app, 'POST', `${tenant.base}/Users`, {
    token: tenant.token,
    body: { schemas: [USER], userName, externalId: userName.split('@')[0] },
  });
  expectScim(answer, 201);
  return answer.body.id;
}

describe('authentication', () => {
  it('answers a request without a token with 401 and WWW-Authenticate: Bearer', async () => {
    const answer = await call(app, 'GET', `${acme.base}/Users`);
    expectScimError(answer, 401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.detail).toBe(
      'Authentication required: send the Secret Token as "Authorization: Bearer <token>".',
    );
  });

  it('answers a wrong scheme like a missing token', async () => {
    const answer = await call(app, 'GET', `${acme.base}/Users`, {
      headers: { authorization: `Basic ${btoa('a:b')}` },
    });
    expectScimError(answer, 401);
  });

  it('accepts the scheme in any case', async () => {
    expectScim(
      await call(app, 'GET', `${acme.base}/Users`, { headers: { authorization: `bearer ${acme.token}` } }),
      200,
    );
  });

  it('answers a bad token, another tenant’s token, an unknown tenant, a revoked and an expired token identically', async () => {
    const revoked = await store.issueToken('acme');
    await store.revokeToken('acme', revoked.token.id);
    const expired = await store.issueToken('acme', { expiresAt: new Date(Date.now() - 1000) });
    const attempts = [
      await call(app, 'GET', `${acme.base}/Users`, { token: 'not-a-token' }),
      await call(app, 'GET', `${acme.base}/Users`, { token: globex.token }),
      await call(app, 'GET', '/scim/initech/v2/Users', { token: acme.token }),
      await call(app, 'GET', '/scim/NOT_A_TENANT!/v2/Users', { token: acme.token }),
      await call(app, 'GET', `${acme.base}/Users`, { token: revoked.secret }),
      await call(app, 'GET', `${acme.base}/Users`, { token: expired.secret }),
    ];
    for (const answer of attempts) {
      expectScimError(answer, 401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(new Set(attempts.map((answer) => answer.text)).size).toBe(1);
    expect(attempts[0]!.body.detail).toBe('The bearer token is not valid for this Tenant URL.');
  });

  it('authenticates before reading the body and before routing', async () => {
    expectScimError(await call(app, 'POST', `${acme.base}/Users`, { raw: '{not json' }), 401);
    expectScimError(await call(app, 'GET', `${acme.base}/Widgets`), 401);
    expectScimError(await call(app, 'DELETE', `${acme.base}/Users`), 401);
  });

  it('stops accepting a token as soon as it is revoked', async () => {
    const second = await store.issueToken('acme');
    expectScim(await call(app, 'GET', `${acme.base}/Users`, { token: second.secret }), 200);
    await store.revokeToken('acme', second.token.id);
    expectScimError(await call(app, 'GET', `${acme.base}/Users`, { token: second.secret }), 401);
    expectScim(await call(app, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
  });
});

describe('tenant isolation', () => {
  it('never reads, changes or deletes another tenant’s resource by id', async () => {
    const id = await createUser(acme, 'alice@contoso.com');
    const path = `${globex.base}/Users/${id}`;
    expectScimError(await call(app, 'GET', path, { token: globex.token }), 404);
    expectScimError(
      await call(app, 'PUT', path, {
        token: globex.token,
        body: { schemas: [USER], userName: 'mallory@evil.com' },
      }),
      404,
    );
    expectScimError(await call(app, 'DELETE', path, { token: globex.token }), 404);
    const still = await call(app, 'GET', `${acme.base}/Users/${id}`, { token: acme.token });
    expectScim(still, 200);
    expect(still.body.userName).toBe('alice@contoso.com');
  });

  it('answers the same 404 for another tenant’s id as for an id that never existed', async () => {
    const id = await createUser(acme, 'alice@contoso.com');
    const theirs = await call(app, 'GET', `${globex.base}/Users/${id}`, { token: globex.token });
    const nobody = await call(
      app,
      'GET',
      `${globex.base}/Users/${id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
      {
        token: globex.token,
      },
    );
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail.replace(id, 'ID')).toBe(nobody.body.detail.replace(/"[^"]+"/, '"ID"'));
  });

  it('never finds another tenant’s resources by filter or search, nor their count', async () => {
    const id = await createUser(acme, 'alice@contoso.com');
    for (const filter of [
      `id eq "${id}"`,
      'userName eq "alice@contoso.com"',
      'userName pr',
      'externalId sw "a"',
    ]) {
      const answer = await call(app, 'GET', `${globex.base}/Users?filter=${encodeURIComponent(filter)}`, {
        token: globex.token,
      });
      expectScim(answer, 200);
      expect(answer.body.totalResults).toBe(0);
      const searched = await call(app, 'POST', `${globex.base}/Users/.search`, {
        token: globex.token,
        body: { filter },
      });
      expect(searched.body.totalResults).toBe(0);
      const root = await call(app, 'POST', `${globex.base}/.search`, {
        token: globex.token,
        body: { filter },
      });
      expect(root.body.totalResults).toBe(0);
    }
  });

  it('lets the same userName exist in two tenants', async () => {
    await createUser(acme, 'alice@contoso.com');
    await createUser(globex, 'alice@contoso.com');
  });

  it('never changes another tenant’s resources through /Bulk', async () => {
    const id = await createUser(acme, 'alice@contoso.com');
    const answer = await call(app, 'POST', `${globex.base}/Bulk`, {
      token: globex.token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          { method: 'DELETE', path: `/Users/${id}` },
          { method: 'PUT', path: `/Users/${id}`, data: { schemas: [USER], userName: 'x@evil.com' } },
          { method: 'DELETE', path: `/scim/acme/v2/Users/${id}` },
          { method: 'DELETE', path: `${acme.base}/Users/${id}` },
          { method: 'DELETE', path: `https://scim.test${acme.base}/Users/${id}` },
          { method: 'DELETE', path: `/../acme/v2/Users/${id}` },
        ],
      },
    });
    expectScim(answer, 200);
    expect(answer.body.Operations.map((operation: { status: string }) => operation.status)).toEqual([
      '404',
      '404',
      '400',
      '400',
      '400',
      '400',
    ]);
    expectScim(await call(app, 'GET', `${acme.base}/Users/${id}`, { token: acme.token }), 200);
  });

  it('keeps group members inside the tenant', async () => {
    const theirs = await createUser(acme, 'alice@contoso.com');
    const answer = await call(app, 'POST', `${globex.base}/Groups`, {
      token: globex.token,
      body: { schemas: [GROUP], displayName: 'Sales', members: [{ value: theirs }] },
    });
    // Either refused or created without the foreign member: never linked across tenants.
    if (answer.status === 201) {
      const group = await call(app, 'GET', `${globex.base}/Groups/${answer.body.id}`, {
        token: globex.token,
      });
      expect(group.body.members ?? []).toEqual([]);
    } else {
      expect(answer.status).toBe(400);
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a tenant’s bucket is empty, without touching other tenants', async () => {
    let now = 0;
    const limited = createApp({
      store,
      rateLimit: createRateLimiter({ requestsPerSecond: 1, burst: 2, now: () => now }),
    });
    expectScim(await call(limited, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
    expectScim(await call(limited, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
    const refused = await call(limited, 'GET', `${acme.base}/Users`, { token: acme.token });
    expectScimError(refused, 429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expectScim(await call(limited, 'GET', `${globex.base}/Users`, { token: globex.token }), 200);
    now += 1000;
    expectScim(await call(limited, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
  });

  it('does not spend a tenant’s budget on unauthenticated requests', async () => {
    const limited = createApp({
      store,
      rateLimit: createRateLimiter({ requestsPerSecond: 1, burst: 1, now: () => 0 }),
    });
    for (let i = 0; i < 5; i++)
      expectScimError(await call(limited, 'GET', `${acme.base}/Users`, { token: 'x' }), 401);
    expectScim(await call(limited, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
  });

  it('is off unless configured', async () => {
    for (let i = 0; i < 50; i++)
      expectScim(await call(app, 'GET', `${acme.base}/Users`, { token: acme.token }), 200);
  });
});

describe('overload shedding', () => {
  it('answers SCIM requests with 429 and Retry-After while overloaded, writes nothing, and recovers', async () => {
    let overloaded = true;
    const shedding = createApp({
      store,
      overload: { overloaded: () => overloaded, retryAfterSeconds: 7 },
      adminToken: 'an-admin-token-long-enough',
    });
    const refused = await call(shedding, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'shed@contoso.com' },
    });
    expectScimError(refused, 429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(refused.body.detail).toMatch(/overloaded/);
    // Shed before the token check: a request without a token is refused alike.
    expectScimError(await call(shedding, 'GET', `${acme.base}/Users`), 429);
    // Health and admin stay reachable, so operators can see and act.
    expect((await call(shedding, 'GET', '/healthz')).status).toBe(200);
    expect(
      (await call(shedding, 'GET', '/admin/tenants', { token: 'an-admin-token-long-enough' })).status,
    ).toBe(200);
    overloaded = false;
    const found = await call(
      shedding,
      'GET',
      `${acme.base}/Users?filter=userName+eq+%22shed@contoso.com%22`,
      {
        token: acme.token,
      },
    );
    expectScim(found, 200);
    expect(found.body.totalResults).toBe(0);
  });
});
