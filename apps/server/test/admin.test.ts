import type { ScimStore } from '@scimkit/schema';
import type { AnyElysia } from 'elysia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/index.ts';
import { call, expectScim, expectScimError } from './support/http.ts';
import { makeStore } from './support/store.ts';

const ADMIN = 'admin-token-for-tests-0123456789';
let store: ScimStore;
let app: AnyElysia;

beforeEach(async () => {
  store = await makeStore();
  app = createApp({ store, adminToken: ADMIN, publicUrl: 'https://scim.example.com' });
});

function expectJson(answer: { status: number; headers: Headers; text: string }, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
}

describe('admin API', () => {
  it('refuses requests without the admin token', async () => {
    const none = await call(app, 'GET', '/admin/tenants');
    expectScimError(none, 401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expectScimError(await call(app, 'GET', '/admin/tenants', { token: `${ADMIN}x` }), 401);
    expectScimError(await call(app, 'GET', '/admin/tenants', { token: 'short' }), 401);
  });

  it('is disabled without ADMIN_TOKEN', async () => {
    const disabled = createApp({ store });
    const answer = await call(disabled, 'GET', '/admin/tenants', { token: ADMIN });
    expectScimError(answer, 403);
    expect(answer.body.detail).toBe('The admin API is disabled: start the server with ADMIN_TOKEN set.');
  });

  it('never accepts a tenant token on the admin API, nor the admin token on SCIM', async () => {
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await store.issueToken('acme');
    expectScimError(await call(app, 'GET', '/admin/tenants', { token: secret }), 401);
    expectScimError(await call(app, 'GET', '/scim/acme/v2/Users', { token: ADMIN }), 401);
  });

  it('creates, lists, reads and deletes tenants', async () => {
    const created = await call(app, 'POST', '/admin/tenants', {
      token: ADMIN,
      contentType: 'application/json',
      body: { name: 'Acme Corp', id: 'acme', issueToken: true },
    });
    expectJson(created, 201);
    expect(created.body.tenant).toMatchObject({ id: 'acme', name: 'Acme Corp' });
    expect(created.body.tenantUrl).toBe('https://scim.example.com/scim/acme/v2');
    expect(typeof created.body.secret).toBe('string');
    expectScim(await call(app, 'GET', '/scim/acme/v2/Users', { token: created.body.secret }), 200);

    const listed = await call(app, 'GET', '/admin/tenants', { token: ADMIN });
    expectJson(listed, 200);
    expect(listed.body.tenants.map((tenant: { id: string }) => tenant.id)).toEqual(['acme']);
    expectJson(await call(app, 'GET', '/admin/tenants/acme', { token: ADMIN }), 200);

    const deleted = await call(app, 'DELETE', '/admin/tenants/acme', { token: ADMIN });
    expect(deleted.status).toBe(204);
    expectScimError(await call(app, 'DELETE', '/admin/tenants/acme', { token: ADMIN }), 404);
    expectScimError(await call(app, 'GET', '/admin/tenants/acme', { token: ADMIN }), 404);
  });

  it('answers an invalid tenant body with a SCIM 400, not Elysia’s 422', async () => {
    for (const body of [{}, { name: '' }, { name: 'x', id: 'Not Valid!' }, { name: 42 }]) {
      const answer = await call(app, 'POST', '/admin/tenants', { token: ADMIN, body });
      expectScimError(answer, 400, 'invalidValue');
      expect(answer.body.detail).toMatch(/^The request body/);
    }
    expectScimError(
      await call(app, 'POST', '/admin/tenants', { token: ADMIN, raw: '{' }),
      400,
      'invalidSyntax',
    );
  });

  it('issues, lists, expires and revokes tokens, never listing secrets', async () => {
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const issued = await call(app, 'POST', '/admin/tenants/acme/tokens', {
      token: ADMIN,
      body: { description: 'Entra production' },
    });
    expectJson(issued, 201);
    expect(issued.body.tenantUrl).toBe('https://scim.example.com/scim/acme/v2');
    const { secret, token } = issued.body;
    expectScim(await call(app, 'GET', '/scim/acme/v2/Users', { token: secret }), 200);

    const listed = await call(app, 'GET', '/admin/tenants/acme/tokens', { token: ADMIN });
    expectJson(listed, 200);
    expect(listed.body.tokens).toHaveLength(1);
    expect(listed.text).not.toContain(secret);
    expect(listed.body.tokens[0]).toMatchObject({ id: token.id, description: 'Entra production' });

    const expiry = '2099-01-01T00:00:00.000Z';
    const expired = await call(app, 'PATCH', `/admin/tenants/acme/tokens/${token.id}`, {
      token: ADMIN,
      body: { expiresAt: expiry },
    });
    expectJson(expired, 200);
    expect(expired.body.token.expiresAt).toBe(expiry);
    expectScimError(
      await call(app, 'PATCH', `/admin/tenants/acme/tokens/${token.id}`, {
        token: ADMIN,
        body: { expiresAt: 'soon' },
      }),
      400,
      'invalidValue',
    );

    expect(
      (await call(app, 'DELETE', `/admin/tenants/acme/tokens/${token.id}`, { token: ADMIN })).status,
    ).toBe(204);
    expectScimError(await call(app, 'GET', '/scim/acme/v2/Users', { token: secret }), 401);
    expectScimError(await call(app, 'DELETE', '/admin/tenants/acme/tokens/nope', { token: ADMIN }), 404);
    expectScimError(await call(app, 'POST', '/admin/tenants/initech/tokens', { token: ADMIN }), 404);
  });

  it('reads a tenant’s provisioning events from a sequence number', async () => {
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await store.issueToken('acme');
    for (const userName of ['a@x.com', 'b@x.com', 'c@x.com']) {
      await call(app, 'POST', '/scim/acme/v2/Users', {
        token: secret,
        headers: { 'x-request-id': `create-${userName}` },
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName },
      });
    }
    const first = await call(app, 'GET', '/admin/tenants/acme/events?limit=2', { token: ADMIN });
    expectJson(first, 200);
    expect(first.body.events).toHaveLength(2);
    expect(first.body.events[0]).toMatchObject({
      operation: 'create',
      resourceType: 'User',
      requestId: 'create-a@x.com',
    });
    const rest = await call(app, 'GET', `/admin/tenants/acme/events?since=${first.body.next}`, {
      token: ADMIN,
    });
    expect(rest.body.events.map((event: { requestId: string }) => event.requestId)).toEqual([
      'create-c@x.com',
    ]);
    expectScimError(
      await call(app, 'GET', '/admin/tenants/acme/events?since=-1', { token: ADMIN }),
      400,
      'invalidValue',
    );
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness, the OpenAPI document and the docs page without a token', async () => {
    const healthz = await call(app, 'GET', '/healthz');
    expectJson(healthz, 200);
    expect(healthz.body).toEqual({ status: 'ok' });
    expect((await call(app, 'GET', '/readyz')).body).toEqual({ status: 'ready' });
    const openapi = await call(app, 'GET', '/openapi.json');
    expectJson(openapi, 200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toContain('/scim/{tenant}/v2/Users/{id}');
    const docs = await call(app, 'GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(docs.text).toContain('/scim/{tenant}/v2/Bulk');
  });

  it('reports not ready while shutting down', async () => {
    const health = { shuttingDown: true };
    const draining = createApp({ store, health });
    const answer = await call(draining, 'GET', '/readyz');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ status: 'shutting down' });
  });
});
