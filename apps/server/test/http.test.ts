import { node } from '@elysiajs/node';
import type { AnyElysia } from 'elysia';
import { FastResponse } from 'srvx';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../src/index.ts';
import { call, expectScim, expectScimError, setup, type TestTenant } from './support/http.ts';
import { makeStore } from './support/store.ts';

let app: AnyElysia;
let acme: TestTenant;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

beforeEach(async () => {
  const made = await setup(await makeStore(), ['acme'], { limits: { maxBodyBytes: 4096, maxJsonDepth: 16 } });
  app = made.app;
  acme = made.tenants[0]!;
});

async function countUsers(): Promise<number> {
  const answer = await call(app, 'GET', `${acme.base}/Users?count=0`, { token: acme.token });
  return answer.body.totalResults;
}

describe('content types', () => {
  it('accepts application/scim+json with and without a charset, and application/json', async () => {
    let n = 0;
    for (const contentType of [
      'application/scim+json',
      'application/scim+json; charset=utf-8',
      'application/json',
    ]) {
      const answer = await call(app, 'POST', `${acme.base}/Users`, {
        token: acme.token,
        contentType,
        body: { schemas: [USER], userName: `user${n++}@contoso.com` },
      });
      expectScim(answer, 201);
    }
  });

  it('answers every SCIM response as application/scim+json; charset=utf-8', async () => {
    for (const path of ['/Users', '/Groups', '/Schemas', '/ResourceTypes', '/ServiceProviderConfig']) {
      expectScim(await call(app, 'GET', `${acme.base}${path}`, { token: acme.token }), 200);
    }
  });

  it('refuses a wrong content type with 415 and writes nothing', async () => {
    const answer = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      contentType: 'text/plain',
      raw: `{"schemas":["${USER}"],"userName":"x@contoso.com"}`,
    });
    expectScimError(answer, 415);
    expect(await countUsers()).toBe(0);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 invalidSyntax and writes nothing', async () => {
    const answer = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      raw: '{"userName": "a",',
    });
    expectScimError(answer, 400, 'invalidSyntax');
    expect(answer.body.detail).toMatch(/^The request body is not valid JSON: found /);
    expect(await countUsers()).toBe(0);
  });

  it('answers an oversize body with 413 and writes nothing', async () => {
    const answer = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'big@contoso.com', title: 'x'.repeat(5000) },
    });
    expectScimError(answer, 413);
    expect(answer.body.detail).toBe('The request body is larger than the maximum of 4096 bytes.');
    expect(await countUsers()).toBe(0);
  });

  it('answers deep nesting with 400 and writes nothing', async () => {
    let nested: unknown = 'deep';
    for (let i = 0; i < 40; i++) nested = { a: nested };
    const answer = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'deep@contoso.com', title: nested },
    });
    expectScimError(answer, 400, 'invalidSyntax');
    expect(await countUsers()).toBe(0);
  });

  it('answers prototype keys with 400 and pollutes nothing', async () => {
    const answer = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      raw: `{"schemas":["${USER}"],"userName":"p@contoso.com","__proto__":{"polluted":true}}`,
    });
    expectScimError(answer, 400, 'invalidSyntax');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await countUsers()).toBe(0);
  });

  it('answers a body that is not an object with 400', async () => {
    expectScimError(
      await call(app, 'POST', `${acme.base}/Users`, { token: acme.token, body: [1, 2] }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await call(app, 'POST', `${acme.base}/Users`, { token: acme.token, raw: '' }),
      400,
      'invalidSyntax',
    );
  });

  it('answers an invalid filter with 400 invalidFilter, never with everything', async () => {
    for (const filter of [
      'userName eq',
      'userName xx "a"',
      '(userName eq "a"',
      'emails[type eq "work"',
      '"a" eq userName',
    ]) {
      const answer = await call(app, 'GET', `${acme.base}/Users?filter=${encodeURIComponent(filter)}`, {
        token: acme.token,
      });
      expectScimError(answer, 400, 'invalidFilter');
    }
  });

  it('answers an invalid PATCH path with 400 invalidPath and changes nothing', async () => {
    const created = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'paths@contoso.com', title: 'Before' },
    });
    for (const path of ['emails[type eq "work"', 'name..givenName', 'emails[type zz "work"].value']) {
      const answer = await call(app, 'PATCH', `${acme.base}/Users/${created.body.id}`, {
        token: acme.token,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [
            { op: 'replace', path: 'title', value: 'After' },
            { op: 'replace', path, value: 'x' },
          ],
        },
      });
      expectScimError(answer, 400, 'invalidPath');
    }
    const read = await call(app, 'GET', `${acme.base}/Users/${created.body.id}`, { token: acme.token });
    expect(read.body.title).toBe('Before');
    expect(read.body.meta.version).toBe(created.body.meta.version);
  });

  it('answers a readOnly change with 400 mutability and changes nothing', async () => {
    const created = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'ro@contoso.com' },
    });
    const answer = await call(app, 'PATCH', `${acme.base}/Users/${created.body.id}`, {
      token: acme.token,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'id', value: 'mine' }],
      },
    });
    expectScimError(answer, 400, 'mutability');
  });

  it('answers invalid paging and sorting values with 400 invalidValue (invalidCount for count)', async () => {
    expectScimError(
      await call(app, 'GET', `${acme.base}/Users?startIndex=abc`, { token: acme.token }),
      400,
      'invalidValue',
    );
    expectScimError(
      await call(app, 'GET', `${acme.base}/Users?count=1.5`, { token: acme.token }),
      400,
      'invalidCount',
    );
    expectScimError(
      await call(app, 'GET', `${acme.base}/Users?sortOrder=up`, { token: acme.token }),
      400,
      'invalidValue',
    );
  });

  it('answers a PATCH without Operations with 400 invalidSyntax', async () => {
    const created = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'patchme@contoso.com' },
    });
    for (const body of [{}, { Operations: 'replace' }, { schemas: ['urn:nope'], Operations: [] }, [1]]) {
      const answer = await call(app, 'PATCH', `${acme.base}/Users/${created.body.id}`, {
        token: acme.token,
        body,
      });
      expectScimError(answer, 400, 'invalidSyntax');
    }
  });
});

describe('routing', () => {
  it('tolerates trailing and doubled slashes', async () => {
    for (const path of [
      '/Users/',
      '//Users',
      '//Users/?filter=userName+eq+%22x%22',
      '/Groups//',
      '/ServiceProviderConfig/',
    ]) {
      expectScim(await call(app, 'GET', `${acme.base}${path}`, { token: acme.token }), 200);
    }
  });

  it('ignores unknown query parameters', async () => {
    const answer = await call(
      app,
      'GET',
      `${acme.base}/Users?aadOptscim062020&filter=userName+eq+%22x%22&foo=bar`,
      {
        token: acme.token,
      },
    );
    expectScim(answer, 200);
    expect(answer.body.totalResults).toBe(0);
  });

  it('answers an unknown endpoint with 404 and a wrong method with 405 and Allow', async () => {
    expectScimError(await call(app, 'GET', `${acme.base}/Widgets`, { token: acme.token }), 404);
    expectScimError(await call(app, 'GET', '/nowhere'), 404);
    expectScimError(await call(app, 'GET', '/scim/acme'), 404);
    const wrong = await call(app, 'DELETE', `${acme.base}/Users`, { token: acme.token });
    expectScimError(wrong, 405);
    expect(wrong.headers.get('allow')).toBe('GET, POST, HEAD');
    expectScimError(await call(app, 'GET', `${acme.base}/Bulk`, { token: acme.token }), 405);
    expectScimError(
      await call(app, 'POST', `${acme.base}/Users/some-id`, { token: acme.token, body: {} }),
      405,
    );
    expectScimError(await call(app, 'PUT', `${acme.base}/Schemas`, { token: acme.token, body: {} }), 405);
    expectScimError(await call(app, 'GET', `${acme.base}/Users/.search`, { token: acme.token }), 405);
  });

  it('answers /Me with 501', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const answer = await call(app, method, `${acme.base}/Me`, { token: acme.token });
      expectScimError(answer, 501);
      expect(answer.body.detail).toBe(
        '/Me is not supported: this service provider authenticates clients, not users.',
      );
    }
  });

  it('answers an unknown id with 404', async () => {
    const answer = await call(app, 'GET', `${acme.base}/Users/00000000-0000-4000-8000-000000000000`, {
      token: acme.token,
    });
    expectScimError(answer, 404);
    expect(answer.body.detail).toBe('User "00000000-0000-4000-8000-000000000000" not found.');
  });

  it('echoes a safe X-Request-Id and makes one up otherwise', async () => {
    const given = await call(app, 'GET', `${acme.base}/Users`, {
      token: acme.token,
      headers: { 'x-request-id': 'entra-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('entra-123');
    const unsafe = await call(app, 'GET', `${acme.base}/Users`, {
      token: acme.token,
      headers: { 'x-request-id': 'a b\u0001' },
    });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await call(app, 'GET', '/nowhere', { headers: { 'x-request-id': 'err-1' } });
    expect(error.headers.get('x-request-id')).toBe('err-1');
  });
});

describe('failures inside', () => {
  it('answers an unexpected exception with a 500 that reveals nothing, and logs it', async () => {
    const store = await makeStore();
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await store.issueToken('acme');
    store.query = async () => {
      throw new Error('SQLITE_CORRUPT: /var/lib/secret/path.db is malformed');
    };
    const lines: string[] = [];
    const broken = createApp({
      store,
      logger: createLogger({ level: 'info', write: (line) => lines.push(line) }),
    });
    const answer = await call(broken, 'GET', '/scim/acme/v2/Users', { token: secret });
    expectScimError(answer, 500);
    expect(answer.body.detail).toBe('Internal server error.');
    expect(answer.text).not.toContain('SQLITE');
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged.find((line) => line.msg === 'request failed').error.message).toContain('SQLITE_CORRUPT');
  });
});

describe('logs', () => {
  it('writes one JSON line per request with id, tenant, method, route, status and duration, never the token', async () => {
    const store = await makeStore();
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { secret } = await store.issueToken('acme');
    const lines: string[] = [];
    const logged = createApp({
      store,
      logger: createLogger({ level: 'info', write: (line) => lines.push(line) }),
    });
    await call(logged, 'POST', '/scim/acme/v2/Users', {
      token: secret,
      headers: { 'x-request-id': 'req-1' },
      body: { schemas: [USER], userName: 'logged@contoso.com', password: 'hunter2' },
    });
    await call(logged, 'GET', '/scim/acme/v2/Users', {
      token: 'wrong',
      headers: { 'x-request-id': 'req-2' },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    const byId = (id: string) => requests.find((line) => line.requestId === id);
    expect(byId('req-1')).toMatchObject({
      level: 'info',
      requestId: 'req-1',
      tenant: 'acme',
      method: 'POST',
      route: '/scim/:tenant/v2/:resourceType',
      status: 201,
    });
    expect(typeof byId('req-1').durationMs).toBe('number');
    expect(byId('req-2')).toMatchObject({ method: 'GET', status: 401, route: 'unmatched' });
    const all = lines.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('logged@contoso.com');
  });
});

describe('answers as built', () => {
  it("sends each route's Response as it is on Node, with logging on", async () => {
    // On the Node adapter, a hook that names Elysia's `set` makes Elysia inspect (and, once
    // `set` holds headers, rebuild) every Response: reading `headers` turns a FastResponse's
    // plain header object into a `Headers`, a cost paid on each request.
    let inspected = 0;
    class Watched extends FastResponse {}
    Object.defineProperty(Watched.prototype, 'headers', {
      get(this: Watched): Headers {
        inspected++;
        return Reflect.get(FastResponse.prototype, 'headers', this) as Headers;
      },
    });
    const store = await makeStore();
    const made = await setup(store, ['acme'], {
      adapter: node(),
      responseClass: Watched,
      logger: createLogger({ level: 'info', write: () => {} }),
    });
    const tenant = made.tenants[0]!;
    const headers = { authorization: `Bearer ${tenant.token}` };
    const found = await made.app.handle(
      new Request(`http://scim.test${tenant.base}/Users?filter=userName+eq+%22x%22`, { headers }),
    );
    const missing = await made.app.handle(
      new Request(`http://scim.test${tenant.base}/Users/nope`, { headers }),
    );
    expect(inspected).toBe(0);
    expect([found.status, missing.status]).toEqual([200, 404]);
    expect(found).toBeInstanceOf(Watched);
    expect(missing.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
  });
});
