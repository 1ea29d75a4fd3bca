/**
 * The acceptance suite of ENTRA.md: a whole provisioning cycle, request by request, in both
 * of Entra's dialects (the 2018 default and the 2020 "compliant" one), asserting the status,
 * headers and body of every request shape listed there. It runs in-process (`entra.test.ts`)
 * and against live servers under Node, Bun and Deno (`e2e.test.ts`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, call, expectScim, expectScimError, type Handler, type TestTenant } from './http.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MS_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const EMPTY_LIST = { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] };

interface Dialect {
  name: string;
  /** How this dialect writes op names. */
  op(name: 'add' | 'replace' | 'remove'): string;
  /** How this dialect writes booleans in PATCH values. */
  bool(value: boolean): unknown;
  /** How this dialect changes plain attributes: one op per attribute, or one path-less op. */
  setAttributes(values: Record<string, unknown>): { op: string; path?: string; value?: unknown }[];
  /** How this dialect removes members from a group. */
  removeMembers(ids: string[]): { op: string; path?: string; value?: unknown }[];
}

const DEFAULT_DIALECT: Dialect = {
  name: 'default (2018) dialect',
  op: (name) => name.charAt(0).toUpperCase() + name.slice(1),
  bool: (value) => (value ? 'True' : 'False'),
  setAttributes: (values) => Object.entries(values).map(([path, value]) => ({ op: 'Replace', path, value })),
  removeMembers: (ids) => [{ op: 'Remove', path: 'members', value: ids.map((value) => ({ value })) }],
};

const COMPLIANT_DIALECT: Dialect = {
  name: 'compliant (2020) dialect',
  op: (name) => name,
  bool: (value) => value,
  setAttributes: (values) => [{ op: 'replace', value: values }],
  removeMembers: (ids) => ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
};

function patchBody(operations: unknown[]): unknown {
  return { schemas: [PATCH_OP], Operations: operations };
}

/** One fresh tenant to run the cycle in. */
export interface CycleTarget {
  handler: Handler;
  tenant: TestTenant;
  /** The Tenant URL as `Location` headers spell it. */
  tenantUrl: string;
}

/** Defines the whole Entra cycle, once per dialect, each in a tenant `makeTarget` creates. */
export function describeEntraCycle(
  label: string,
  makeTarget: (dialect: string) => Promise<CycleTarget>,
): void {
  describe.each([DEFAULT_DIALECT, COMPLIANT_DIALECT])(
    `${label}: Entra provisioning cycle, $name`,
    (dialect) => {
      let app: Handler;
      let tenant: TestTenant;
      let tenantUrl: string;
      let aliceId: string;
      let bobId: string;
      let carolId: string;
      let salesId: string;

      beforeAll(async () => {
        const target = await makeTarget(dialect === DEFAULT_DIALECT ? 'default' : 'compliant');
        app = target.handler;
        tenant = target.tenant;
        tenantUrl = target.tenantUrl;
      });

      const request = (method: string, path: string, body?: unknown): Promise<Answer> =>
        call(
          app,
          method,
          `${tenant.base}${path}`,
          body === undefined ? { token: tenant.token } : { token: tenant.token, body },
        );
      const filter = (resource: string, text: string, extra = ''): Promise<Answer> =>
        request('GET', `/${resource}?${extra}filter=${encodeURIComponent(text).replace(/%20/g, '+')}`);
      const patchUser = async (id: string, operations: unknown[]): Promise<Answer> => {
        const answer = await request('PATCH', `/Users/${id}`, patchBody(operations));
        expectScim(answer, 200);
        expect(answer.body.id).toBe(id);
        expect(answer.headers.get('etag')).toBe(answer.body.meta.version);
        return answer;
      };
      const patchGroup = async (id: string, operations: unknown[]): Promise<void> => {
        const answer = await request('PATCH', `/Groups/${id}`, patchBody(operations));
        expect(answer.status, answer.text).toBe(204);
        expect(answer.text).toBe('');
      };
      const memberIds = async (groupId: string): Promise<string[]> => {
        const answer = await request('GET', `/Groups/${groupId}`);
        expectScim(answer, 200);
        return ((answer.body.members ?? []) as { value: string }[]).map((member) => member.value).sort();
      };

      describe('test connection and keep-alive', () => {
        it('answers the user probe with an empty ListResponse', async () => {
          const answer = await filter('Users', `userName eq "${crypto.randomUUID()}"`);
          expectScim(answer, 200);
          expect(answer.body).toEqual(EMPTY_LIST);
        });

        it('answers the group probe with an empty ListResponse', async () => {
          const answer = await filter(
            'Groups',
            `displayName eq "${crypto.randomUUID()}"`,
            'excludedAttributes=members&',
          );
          expectScim(answer, 200);
          expect(answer.body).toEqual(EMPTY_LIST);
        });

        it('tolerates the ?aadOptscim062020 flag and a trailing slash on the Tenant URL', async () => {
          const answer = await call(
            app,
            'GET',
            `${tenant.base}/Users/?aadOptscim062020&filter=userName+eq+%22${crypto.randomUUID()}%22`,
            { token: tenant.token },
          );
          expectScim(answer, 200);
          expect(answer.body).toEqual(EMPTY_LIST);
        });
      });

      describe('users', () => {
        it('looks up before create: userName, externalId and the legacy unquoted form find nothing', async () => {
          for (const text of [
            'userName eq "alice@contoso.com"',
            'externalId eq "alice"',
            'externalId eq alice',
          ]) {
            const answer = await filter('Users', text);
            expectScim(answer, 200);
            expect(answer.body).toEqual(EMPTY_LIST);
          }
        });

        it('creates a user with everything Entra sends and answers 201 with the full resource', async () => {
          const answer = await request('POST', '/Users', {
            schemas: [USER, ENTERPRISE, 'urn:ietf:params:scim:schemas:extension:unknown:2.0:User'],
            externalId: 'alice',
            userName: 'alice@contoso.com',
            active: dialect.bool(true),
            displayName: 'Alice Smith',
            title: 'Engineer',
            preferredLanguage: 'en-US',
            nickName: null,
            name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
            emails: [{ type: 'work', value: 'alice@contoso.com', Primary: true }],
            addresses: [
              {
                type: 'work',
                formatted: '1 Main St, Springfield',
                streetAddress: '1 Main St',
                locality: 'Springfield',
                region: 'IL',
                postalCode: '62701',
                country: 'US',
              },
            ],
            phoneNumbers: [
              { type: 'work', value: '+1 (555) 010-0100' },
              { type: 'mobile', value: '555.010.0199' },
              { type: 'fax', value: '+1-555-010-0111' },
            ],
            roles: [],
            meta: { resourceType: 'User' },
            [ENTERPRISE]: { employeeNumber: 'E123', department: 'Engineering' },
            [CONTOSO]: { costCenter: 'CC-42' },
            favouriteColour: 'blue',
          });
          expectScim(answer, 201);
          aliceId = answer.body.id;
          expect(aliceId).toMatch(/\S/);
          expect(answer.headers.get('location')).toBe(`${tenantUrl}/Users/${aliceId}`);
          expect(answer.headers.get('etag')).toBe(answer.body.meta.version);
          expect(answer.body).toMatchObject({
            schemas: expect.arrayContaining([USER, ENTERPRISE]),
            id: aliceId,
            externalId: 'alice',
            userName: 'alice@contoso.com',
            active: true,
            displayName: 'Alice Smith',
            title: 'Engineer',
            preferredLanguage: 'en-US',
            name: { givenName: 'Alice', familyName: 'Smith', formatted: 'Alice Smith' },
            emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
            addresses: [expect.objectContaining({ type: 'work', postalCode: '62701', country: 'US' })],
            // Stored as sent: never reformatted.
            phoneNumbers: [
              { type: 'work', value: '+1 (555) 010-0100' },
              { type: 'mobile', value: '555.010.0199' },
              { type: 'fax', value: '+1-555-010-0111' },
            ],
            [ENTERPRISE]: { employeeNumber: 'E123', department: 'Engineering' },
            [CONTOSO]: { costCenter: 'CC-42' },
            meta: {
              resourceType: 'User',
              created: expect.any(String),
              lastModified: expect.any(String),
              version: expect.any(String),
              location: `${tenantUrl}/Users/${aliceId}`,
            },
          });
          expect(answer.body.favouriteColour).toBeUndefined();
          expect(answer.body.nickName).toBeUndefined();
          expect(answer.body.roles ?? []).toEqual([]);
        });

        it('finds the created user by userName in any case, by externalId quoted and unquoted', async () => {
          for (const text of [
            'userName eq "Alice@Contoso.COM"',
            'externalId eq "alice"',
            'externalId eq alice',
          ]) {
            const answer = await filter('Users', text);
            expectScim(answer, 200);
            expect(answer.body).toMatchObject({
              schemas: [LIST],
              totalResults: 1,
              startIndex: 1,
              itemsPerPage: 1,
            });
            expect(answer.body.Resources[0].id).toBe(aliceId);
          }
        });

        it('accepts attribute names in any case in filters', async () => {
          const answer = await filter(
            'Users',
            'USERNAME eq "alice@contoso.com" and DisplayName eq "Alice Smith"',
          );
          expect(answer.body.totalResults).toBe(1);
        });

        it('answers a duplicate userName (in any case) with 409 uniqueness and a detail', async () => {
          const answer = await request('POST', '/Users', {
            schemas: [USER],
            userName: 'ALICE@contoso.com',
            externalId: 'x',
          });
          expectScimError(answer, 409, 'uniqueness');
          expect(answer.body.detail.length).toBeGreaterThan(0);
        });

        it('answers a user without userName with 400', async () => {
          const answer = await request('POST', '/Users', {
            schemas: [USER],
            externalId: 'nobody',
            active: true,
          });
          expect(answer.status).toBe(400);
          expectScimError(answer, 400, answer.body.scimType);
        });

        it('creates the other users of the cycle', async () => {
          for (const [userName, externalId] of [
            ['bob@contoso.com', 'bob'],
            ['carol@contoso.com', 'carol'],
          ] as const) {
            const answer = await request('POST', '/Users', {
              schemas: [USER, ENTERPRISE],
              userName,
              externalId,
              active: dialect.bool(true),
              displayName: externalId,
            });
            expectScim(answer, 201);
            if (externalId === 'bob') bobId = answer.body.id;
            else carolId = answer.body.id;
          }
        });

        it('updates attributes in this dialect and answers 200 with the full resource', async () => {
          const answer = await patchUser(
            aliceId,
            dialect.setAttributes({
              displayName: 'Alice N. Smith',
              'name.givenName': 'Alicia',
              'name.familyName': 'Smyth',
              [`${ENTERPRISE}:employeeNumber`]: 'E124',
              [`${ENTERPRISE}:department`]: 'Sales',
            }),
          );
          expect(answer.body).toMatchObject({
            userName: 'alice@contoso.com',
            displayName: 'Alice N. Smith',
            name: { givenName: 'Alicia', familyName: 'Smyth', formatted: 'Alice Smith' },
            [ENTERPRISE]: { employeeNumber: 'E124', department: 'Sales' },
            emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
            active: true,
          });
          expect(answer.body['name.givenName']).toBeUndefined();
        });

        it('applies the default dialect’s filtered and URN paths', async () => {
          const answer = await patchUser(aliceId, [
            {
              op: dialect.op('replace'),
              path: 'emails[type eq "work"].value',
              value: 'alice.smith@contoso.com',
            },
            { op: dialect.op('replace'), path: 'name.familyName', value: 'Smith' },
            { op: dialect.op('add'), path: `${ENTERPRISE}:department`, value: 'Marketing' },
            { op: dialect.op('replace'), path: 'addresses[type eq "work"].postalCode', value: '62702' },
          ]);
          expect(answer.body.emails).toEqual([
            { type: 'work', value: 'alice.smith@contoso.com', primary: true },
          ]);
          expect(answer.body.name.familyName).toBe('Smith');
          expect(answer.body[ENTERPRISE].department).toBe('Marketing');
          expect(answer.body.addresses[0]).toMatchObject({
            type: 'work',
            postalCode: '62702',
            locality: 'Springfield',
          });
        });

        it('applies a path-less value object with "add" as well as "replace"', async () => {
          const answer = await patchUser(aliceId, [
            { op: dialect.op('add'), value: { title: 'Lead Engineer', 'name.honorificPrefix': 'Dr.' } },
          ]);
          expect(answer.body.title).toBe('Lead Engineer');
          expect(answer.body.name.honorificPrefix).toBe('Dr.');
        });

        it('creates a work email that does not exist yet, with a sibling primary sent separately', async () => {
          for (const op of ['add', 'replace'] as const) {
            const id = op === 'add' ? bobId : carolId;
            const answer = await patchUser(id, [
              { op: dialect.op(op), path: 'emails[type eq "work"].value', value: `${op}@contoso.com` },
              {
                op: dialect.op(op),
                path: 'emails[type eq "work"].primary',
                value: dialect.bool(true) === true ? true : 'true',
              },
            ]);
            expect(answer.body.emails).toEqual([{ type: 'work', value: `${op}@contoso.com`, primary: true }]);
          }
        });

        it('clears attributes with remove (with or without a value), "" and null', async () => {
          const answer = await patchUser(aliceId, [
            { op: dialect.op('remove'), path: 'name.formatted' },
            { op: dialect.op('remove'), path: 'name.honorificPrefix', value: 'Dr.' },
            { op: 'replace', path: 'title', value: '' },
            { op: 'replace', path: 'preferredLanguage', value: null },
          ]);
          expect(answer.body.name).toEqual({ givenName: 'Alicia', familyName: 'Smith' });
          expect(answer.body.title).toBeUndefined();
          expect(answer.body.preferredLanguage).toBeUndefined();
        });

        it('renames userName, and answers 409 when the new name is taken', async () => {
          const renamed = await patchUser(aliceId, [
            { op: dialect.op('replace'), path: 'userName', value: 'alice.smith@contoso.com' },
          ]);
          expect(renamed.body.userName).toBe('alice.smith@contoso.com');
          const taken = await request(
            'PATCH',
            `/Users/${aliceId}`,
            patchBody([{ op: dialect.op('replace'), path: 'userName', value: 'BOB@contoso.com' }]),
          );
          expectScimError(taken, 409, 'uniqueness');
          expect((await filter('Users', 'userName eq "alice.smith@contoso.com"')).body.totalResults).toBe(1);
        });

        it('answers an empty Operations array with 200 and changes nothing', async () => {
          const before = await request('GET', `/Users/${aliceId}`);
          const answer = await patchUser(aliceId, []);
          expect(answer.body).toEqual(before.body);
        });

        it('ignores unknown attributes instead of failing the PATCH, and applies the rest (active:false)', async () => {
          const answer = await patchUser(aliceId, [
            { op: dialect.op('replace'), path: 'favouriteColour', value: 'green' },
            {
              op: dialect.op('replace'),
              path: 'urn:ietf:params:scim:schemas:extension:nobody:2.0:Thing:x',
              value: 'y',
            },
            { op: dialect.op('replace'), value: { notAnAttribute: 1, active: dialect.bool(false) } },
          ]);
          expect(answer.body.active).toBe(false);
          expect(answer.body.favouriteColour).toBeUndefined();
          await patchUser(aliceId, [
            { op: dialect.op('replace'), path: 'active', value: dialect.bool(true) },
          ]);
        });

        it('stores custom extension attributes by full path and path-less key, and publishes the schema', async () => {
          const byPath = await patchUser(aliceId, [
            { op: dialect.op('replace'), path: `${CONTOSO}:costCenter`, value: 'CC-43' },
          ]);
          expect(byPath.body[CONTOSO]).toEqual({ costCenter: 'CC-43' });
          const byKey = await patchUser(aliceId, [
            { op: dialect.op('add'), value: { [`${CONTOSO}:costCenter`]: 'CC-44' } },
          ]);
          expect(byKey.body[CONTOSO]).toEqual({ costCenter: 'CC-44' });
          const schemas = await request('GET', '/Schemas');
          expectScim(schemas, 200);
          const contoso = schemas.body.Resources.find((schema: { id: string }) => schema.id === CONTOSO);
          expect(contoso.attributes.map((attribute: { name: string }) => attribute.name)).toContain(
            'costCenter',
          );
          expectScim(await request('GET', `/Schemas/${CONTOSO}`), 200);
        });
      });

      describe('manager', () => {
        const MANAGER = `${ENTERPRISE}:manager`;
        const managerOf = async (id: string): Promise<unknown> =>
          (await request('GET', `/Users/${id}`)).body[ENTERPRISE]?.manager;

        it('links a manager by a bare string id and reads it back as an object', async () => {
          await patchUser(aliceId, [{ op: dialect.op('add'), path: MANAGER, value: bobId }]);
          const manager = await managerOf(aliceId);
          expect(manager).toMatchObject({ value: bobId });
          expect(typeof manager).toBe('object');
        });

        it('answers the legacy manager pre-check with 0 or 1 resources', async () => {
          const yes = await filter('Users', `id eq "${aliceId}" and manager eq "${bobId}"`, 'attributes=id&');
          expectScim(yes, 200);
          expect(yes.body.totalResults).toBe(1);
          expect(yes.body.Resources).toEqual([{ schemas: expect.any(Array), id: aliceId }]);
          const no = await filter(
            'Users',
            `id eq "${aliceId}" and manager eq "${carolId}"`,
            'attributes=id&',
          );
          expect(no.body).toEqual(EMPTY_LIST);
        });

        it('changes the manager with Replace and a {"value"} object', async () => {
          await patchUser(aliceId, [{ op: dialect.op('replace'), path: MANAGER, value: { value: carolId } }]);
          expect(await managerOf(aliceId)).toMatchObject({ value: carolId });
        });

        it('accepts the legacy "manager" path with an array value', async () => {
          await patchUser(aliceId, [
            { op: dialect.op('add'), path: 'manager', value: [{ $ref: `../Users/${bobId}`, value: bobId }] },
          ]);
          expect(await managerOf(aliceId)).toMatchObject({ value: bobId });
        });

        it('resolves a manager who is inactive', async () => {
          await patchUser(bobId, [{ op: dialect.op('replace'), path: 'active', value: dialect.bool(false) }]);
          expect(await managerOf(aliceId)).toMatchObject({ value: bobId });
          await patchUser(bobId, [{ op: dialect.op('replace'), path: 'active', value: dialect.bool(true) }]);
        });

        it('removes the manager with Remove and with replace ""', async () => {
          await patchUser(aliceId, [{ op: dialect.op('remove'), path: MANAGER }]);
          expect(await managerOf(aliceId)).toBeUndefined();
          await patchUser(aliceId, [{ op: dialect.op('add'), path: MANAGER, value: bobId }]);
          await patchUser(aliceId, [{ op: 'replace', path: MANAGER, value: '' }]);
          expect(await managerOf(aliceId)).toBeUndefined();
        });
      });

      describe('disable and re-enable', () => {
        const forms: { label: string; operations: (dialect: Dialect) => unknown[] }[] = [
          { label: 'Replace "False"', operations: () => [{ op: 'Replace', path: 'active', value: 'False' }] },
          { label: 'replace false', operations: () => [{ op: 'replace', path: 'active', value: false }] },
          { label: 'replace "false"', operations: () => [{ op: 'replace', path: 'active', value: 'false' }] },
          { label: 'Add "False"', operations: () => [{ op: 'Add', path: 'active', value: 'False' }] },
          { label: 'path-less', operations: () => [{ op: 'replace', value: { active: false } }] },
        ];
        for (const form of forms) {
          it(`disables with ${form.label} and re-enables`, async () => {
            const disabled = await patchUser(carolId, form.operations(dialect));
            expect(disabled.body.active).toBe(false);
            const read = await request('GET', `/Users/${carolId}`);
            expectScim(read, 200);
            expect(read.body.active).toBe(false);
            const found = await filter('Users', 'userName eq "carol@contoso.com"');
            expect(found.body.Resources[0]).toMatchObject({ id: carolId, active: false });
            const enabled = await patchUser(carolId, [
              { op: dialect.op('replace'), path: 'active', value: dialect.bool(true) },
            ]);
            expect(enabled.body.active).toBe(true);
          });
        }
      });

      describe('groups', () => {
        it('looks up by displayName and externalId without members', async () => {
          expect(
            (await filter('Groups', 'displayName eq "Sales"', 'excludedAttributes=members&')).body,
          ).toEqual(EMPTY_LIST);
          expect(
            (await filter('Groups', 'externalId eq "sales"', 'excludedAttributes=members&')).body,
          ).toEqual(EMPTY_LIST);
        });

        it('creates a group with Microsoft’s schema URN and answers 201', async () => {
          const answer = await request('POST', '/Groups', {
            schemas: [GROUP, MS_GROUP],
            externalId: 'sales',
            displayName: 'Sales',
            meta: { resourceType: 'Group' },
          });
          expectScim(answer, 201);
          salesId = answer.body.id;
          expect(answer.headers.get('location')).toBe(`${tenantUrl}/Groups/${salesId}`);
          expect(answer.body).toMatchObject({ id: salesId, externalId: 'sales', displayName: 'Sales' });
        });

        it('answers a duplicate displayName in any case with 409 uniqueness', async () => {
          expectScimError(
            await request('POST', '/Groups', { schemas: [GROUP], displayName: 'SALES' }),
            409,
            'uniqueness',
          );
        });

        it('reads a group without members when asked', async () => {
          const answer = await request('GET', `/Groups/${salesId}?excludedAttributes=members`);
          expectScim(answer, 200);
          expect(answer.body.members).toBeUndefined();
          expect(answer.body.displayName).toBe('Sales');
          const looked = await filter('Groups', 'displayName eq "sales"', 'excludedAttributes=members&');
          expect(looked.body.totalResults).toBe(1);
          expect(looked.body.Resources[0].members).toBeUndefined();
        });

        it('adds members one or many per request with 204; adding a member twice is a no-op', async () => {
          await patchGroup(salesId, [
            {
              op: dialect.op('add'),
              path: 'members',
              value: [{ $ref: null, value: aliceId }, { value: bobId }],
            },
          ]);
          await patchGroup(salesId, [
            { op: dialect.op('add'), path: 'members', value: [{ value: carolId }] },
          ]);
          await patchGroup(salesId, [
            { op: dialect.op('add'), path: 'members', value: [{ value: aliceId }] },
          ]);
          expect(await memberIds(salesId)).toEqual([aliceId, bobId, carolId].sort());
        });

        it('answers the membership probe with 0 or 1 resources', async () => {
          const yes = await filter(
            'Groups',
            `id eq "${salesId}" and members eq "${bobId}"`,
            'attributes=id&',
          );
          expectScim(yes, 200);
          expect(yes.body.totalResults).toBe(1);
          expect(yes.body.Resources).toEqual([{ schemas: expect.any(Array), id: salesId }]);
          const no = await filter(
            'Groups',
            `id eq "${salesId}" and members eq "${crypto.randomUUID()}"`,
            'attributes=id&',
          );
          expect(no.body).toEqual(EMPTY_LIST);
        });

        it('removes only the listed members in this dialect', async () => {
          await patchGroup(salesId, dialect.removeMembers([aliceId, bobId]));
          expect(await memberIds(salesId)).toEqual([carolId]);
        });

        it('removes every member with a value-less remove of members', async () => {
          await patchGroup(salesId, [
            { op: dialect.op('add'), path: 'members', value: [{ value: aliceId }] },
          ]);
          await patchGroup(salesId, [{ op: dialect.op('remove'), path: 'members' }]);
          expect(await memberIds(salesId)).toEqual([]);
        });

        it('renames with a path and path-less, answering 204', async () => {
          await patchGroup(salesId, [
            { op: dialect.op('replace'), path: 'displayName', value: 'Sales EMEA' },
          ]);
          expect((await request('GET', `/Groups/${salesId}`)).body.displayName).toBe('Sales EMEA');
          await patchGroup(salesId, [
            { op: 'replace', value: { displayName: 'Sales Europe', externalId: 'sales-eu' } },
          ]);
          const read = await request('GET', `/Groups/${salesId}`);
          expect(read.body).toMatchObject({ displayName: 'Sales Europe', externalId: 'sales-eu' });
        });

        it('answers a group PATCH with 200 and the group when attributes are asked for', async () => {
          const answer = await call(app, 'PATCH', `${tenant.base}/Groups/${salesId}?attributes=displayName`, {
            token: tenant.token,
            body: patchBody([{ op: dialect.op('add'), path: 'members', value: [{ value: aliceId }] }]),
          });
          expectScim(answer, 200);
          expect(answer.body).toEqual({
            schemas: expect.any(Array),
            id: salesId,
            displayName: 'Sales Europe',
          });
        });
      });

      describe('delete', () => {
        it('deletes a user with 204: gone by id and by filter, gone from groups, reports still readable', async () => {
          await patchUser(carolId, [
            { op: dialect.op('add'), path: `${ENTERPRISE}:manager`, value: aliceId },
          ]);
          await patchGroup(salesId, [
            { op: dialect.op('add'), path: 'members', value: [{ value: aliceId }, { value: bobId }] },
          ]);
          const answer = await request('DELETE', `/Users/${aliceId}`);
          expect(answer.status).toBe(204);
          expect(answer.text).toBe('');
          expectScimError(await request('GET', `/Users/${aliceId}`), 404);
          expect((await filter('Users', 'userName eq "alice.smith@contoso.com"')).body).toEqual(EMPTY_LIST);
          expect(await memberIds(salesId)).toEqual([bobId]);
          const report = await request('GET', `/Users/${carolId}`);
          expectScim(report, 200);
          const manager = report.body[ENTERPRISE]?.manager;
          if (manager !== undefined)
            expect(manager).toEqual(expect.objectContaining({ value: expect.any(String) }));
          expectScimError(await request('DELETE', `/Users/${aliceId}`), 404);
        });

        it('deletes a group with 204', async () => {
          const answer = await request('DELETE', `/Groups/${salesId}`);
          expect(answer.status).toBe(204);
          expectScimError(await request('GET', `/Groups/${salesId}`), 404);
          expect(
            (await filter('Groups', 'displayName eq "Sales Europe"', 'excludedAttributes=members&')).body,
          ).toEqual(EMPTY_LIST);
        });
      });
    },
  );
}
