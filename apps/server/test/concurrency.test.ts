import { describe, expect, it } from 'vitest';
import { call, expectScim, setup } from './support/http.ts';
import { makeStore } from './support/store.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('group membership cost', () => {
  it('never reads the member list for a membership PATCH answered with 204', async () => {
    const store = await makeStore();
    const { app, tenants } = await setup(store);
    const acme = tenants[0]!;
    const reads: unknown[] = [];
    const patch = store.patch.bind(store);
    store.patch = (ctx, type, id, operations, options) => {
      reads.push(options);
      return patch(ctx, type, id, operations, options);
    };
    const user = await call(app, 'POST', `${acme.base}/Users`, {
      token: acme.token,
      body: { schemas: [USER], userName: 'm@x.com' },
    });
    const group = await call(app, 'POST', `${acme.base}/Groups`, {
      token: acme.token,
      body: { schemas: [GROUP], displayName: 'G' },
    });
    const answer = await call(app, 'PATCH', `${acme.base}/Groups/${group.body.id}`, {
      token: acme.token,
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: user.body.id }] }],
      },
    });
    expect(answer.status).toBe(204);
    expect(reads).toEqual([{ excludeMembers: true }]);
  });
});

describe('concurrency', () => {
  it('answers 50 parallel creates of one userName with exactly one 201 and 49 × 409', async () => {
    const { app, tenants } = await setup(await makeStore());
    const acme = tenants[0]!;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(app, 'POST', `${acme.base}/Users`, {
          token: acme.token,
          // Case differs per request: uniqueness is case-insensitive, like Entra's matching.
          body: {
            schemas: [USER],
            userName: i % 2 === 0 ? 'race@contoso.com' : 'RACE@contoso.com',
            externalId: `r${i}`,
          },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const answer of answers.filter((a) => a.status === 409))
      expect(answer.body.scimType).toBe('uniqueness');
    const found = await call(app, 'GET', `${acme.base}/Users?filter=userName+eq+%22race%40contoso.com%22`, {
      token: acme.token,
    });
    expect(found.body.totalResults).toBe(1);
  });

  it('loses no member when membership PATCHes on one group run in parallel', async () => {
    const { app, tenants } = await setup(await makeStore());
    const acme = tenants[0]!;
    const ids = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const answer = await call(app, 'POST', `${acme.base}/Users`, {
          token: acme.token,
          body: { schemas: [USER], userName: `member${i}@contoso.com` },
        });
        expectScim(answer, 201);
        return answer.body.id as string;
      }),
    );
    const group = await call(app, 'POST', `${acme.base}/Groups`, {
      token: acme.token,
      body: { schemas: [GROUP], displayName: 'Everyone' },
    });
    expectScim(group, 201);
    const path = `${acme.base}/Groups/${group.body.id}`;
    // 30 single-member adds, 10 three-member adds and removes of members added alongside.
    const requests = [
      ...ids.slice(0, 30).map((id) => [{ op: 'Add', path: 'members', value: [{ value: id }] }]),
      ...Array.from({ length: 10 }, (_, b) => [
        { op: 'add', path: 'members', value: ids.slice(30 + b * 3, 33 + b * 3).map((value) => ({ value })) },
      ]),
    ];
    const answers = await Promise.all(
      requests.map((operations) =>
        call(app, 'PATCH', path, {
          token: acme.token,
          body: { schemas: [PATCH_OP], Operations: operations },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(requests.map(() => 204));
    const removals = await Promise.all(
      ids.slice(0, 10).map((id) =>
        call(app, 'PATCH', path, {
          token: acme.token,
          body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] },
        }),
      ),
    );
    expect(removals.map((answer) => answer.status)).toEqual(ids.slice(0, 10).map(() => 204));
    const read = await call(app, 'GET', path, { token: acme.token });
    const members = (read.body.members as { value: string }[]).map((member) => member.value).sort();
    expect(members).toEqual(ids.slice(10).sort());
  });
});
