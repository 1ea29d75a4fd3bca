import { createRegistry, isScimError, type PatchOperation } from '@scimkit/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../src/index.ts';
import { deepFreeze } from './fixture-runner.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const registry = createRegistry();

const text = fc.string({ minLength: 1, maxLength: 12 });
const type = fc.constantFrom('work', 'home', 'other', 'Work');
const email = fc.record(
  { value: text, type, primary: fc.boolean(), display: text },
  { requiredKeys: ['value'] },
);
const address = fc.record(
  { type, postalCode: text, locality: text, streetAddress: text, primary: fc.boolean() },
  { requiredKeys: [] },
);

/** Users with any mix of optional attributes; at most one primary email, as stored users have. */
const user = fc
  .record(
    {
      externalId: text,
      displayName: text,
      nickName: text,
      title: text,
      active: fc.boolean(),
      name: fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] }),
      emails: fc.array(email, { minLength: 1, maxLength: 4 }),
      addresses: fc.array(address, { minLength: 1, maxLength: 3 }),
      enterprise: fc.record(
        { department: text, employeeNumber: text, manager: fc.record({ value: text }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  )
  .map(({ enterprise, emails, ...attributes }) => {
    const resource: Record<string, unknown> = {
      schemas: [USER],
      id: 'u-1',
      userName: 'alice@contoso.com',
      meta: { resourceType: 'User' },
      ...attributes,
    };
    if (emails !== undefined) {
      resource.emails = emails.map((item, index) => (index === 0 ? item : { ...item, primary: false }));
    }
    if (enterprise !== undefined && Object.keys(enterprise).length > 0) {
      resource[ENT] = enterprise;
      resource.schemas = [USER, ENT];
    }
    if (isEmptyObject(resource.name)) delete resource.name;
    return resource;
  });

const group = fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'), { maxLength: 5 }).map((ids) => {
  const resource: Record<string, unknown> = {
    schemas: [GROUP],
    id: 'g-1',
    displayName: 'Sales',
    meta: { resourceType: 'Group' },
  };
  if (ids.length > 0) resource.members = ids.map((value) => ({ value }));
  return resource;
});

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Replace operations that name a writable target, with values of the right type. */
const replaceOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('replace', 'Replace'),
    path: fc.constantFrom('title', 'displayName', 'nickName', 'name.givenName', `${ENT}:department`),
    value: fc.oneof(text, fc.constant(''), fc.constant(null)),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('active'),
    value: fc.constantFrom(true, false, 'True', 'False'),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant(`${ENT}:manager`),
    value: fc.oneof(text, fc.record({ value: text })),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constantFrom(
      'emails[type eq "work"].value',
      'emails[type eq "home"].display',
      'addresses[type eq "work"].postalCode',
    ),
    value: text,
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('emails[type eq "work"].primary'),
    value: fc.constant(true),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('emails'),
    value: fc.array(
      email.map((item) => ({ ...item, primary: false })),
      { maxLength: 3 },
    ),
  }),
  // A value that changes what the filter selects on (`type`) moves the element out of the
  // filter's reach, so only values that keep it are idempotent.
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('addresses[type eq "home"]'),
    value: address.map(({ type: _type, ...item }) => ({ ...item, primary: false })),
  }),
  fc.record({
    op: fc.constant('replace'),
    path: fc.constant('name'),
    value: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
  }),
  fc.record({
    op: fc.constant('replace'),
    value: fc.record(
      { displayName: text, 'name.familyName': text, [`${ENT}:employeeNumber`]: text },
      { requiredKeys: [] },
    ),
  }),
);

const paths = fc.constantFrom(
  'title',
  'displayName',
  'userName',
  'active',
  'name',
  'name.givenName',
  'emails',
  'emails.value',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[type eq "work"].primary',
  'emails[value co "@"]',
  'emails[primary eq true].type',
  'emails[type eq',
  'emails[type eq "work"]x',
  'addresses[type eq "work"].postalCode',
  'phoneNumbers',
  'groups',
  'id',
  'meta',
  'meta.created',
  'schemas',
  'members',
  'members[value eq "u1"]',
  'members[value eq "u1"].display',
  'members[type eq "User"]',
  'manager',
  `${ENT}:manager`,
  `${ENT}:manager.value`,
  ENT,
  `${ENT}:department`,
  USER,
  GROUP,
  'urn:ietf:params:scim:schemas:extension:Custom:2.0:User:badge',
  'name[givenName eq "a"]',
  'emails[primary gt true]',
  'x509Certificates[value eq "AAAA"]',
  'unknown',
  '',
);

const anyOperation: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      op: fc.oneof(
        fc.constantFrom('add', 'replace', 'remove', 'Add', 'REPLACE', 'Remove', 'copy', ''),
        fc.jsonValue(),
      ),
      path: fc.oneof(paths, fc.string(), fc.jsonValue()),
      value: fc.oneof(
        fc.jsonValue(),
        fc.constantFrom('True', 'False', '', null),
        fc.array(fc.record({ value: text, type })),
        fc.dictionary(fc.oneof(paths, text), fc.jsonValue()),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);

describe('properties', () => {
  it('replace is idempotent', () => {
    fc.assert(
      fc.property(user, replaceOperation, (resource, operation) => {
        let once: ReturnType<typeof applyPatch>;
        try {
          once = applyPatch(resource, [operation], registry);
        } catch (error) {
          // A replace the schema refuses (two work emails made primary) is not applied at all.
          if (isScimError(error) && error.status === 400) return;
          throw error;
        }
        const twice = applyPatch(once.resource, [operation], registry);
        expect(twice.resource).toEqual(once.resource);
        expect(twice.changed).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('add then remove of a simple attribute restores the resource', () => {
    const simple = fc.constantFrom(
      'title',
      'nickName',
      'displayName',
      'locale',
      'name.middleName',
      `${ENT}:costCenter`,
      `${ENT}:division`,
    );
    fc.assert(
      fc.property(user, simple, text, (resource, path, value) => {
        const before = applyPatch(resource, [{ op: 'remove', path }], registry).resource;
        const result = applyPatch(
          before,
          [
            { op: 'add', path, value },
            { op: 'remove', path },
          ],
          registry,
        );
        expect(result.resource).toEqual(before);
        expect(result.changed).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(
        fc.oneof(user, group),
        fc.array(anyOperation, { maxLength: 6 }),
        fc.boolean(),
        (resource, operations, loaded) => {
          const snapshot = structuredClone({ resource, operations });
          deepFreeze(resource);
          deepFreeze(operations);
          try {
            applyPatch(resource, operations as PatchOperation[], registry, {
              membersLoaded: loaded,
              loadMembers: () => [],
            });
          } catch (error) {
            if (!isScimError(error)) throw error;
          }
          expect({ resource, operations }).toEqual(snapshot);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('random operations only ever throw a ScimError', () => {
    fc.assert(
      fc.property(
        fc.oneof(user, group),
        fc.array(anyOperation, { maxLength: 8 }),
        fc.boolean(),
        (resource, operations, loaded) => {
          try {
            applyPatch(resource, operations as PatchOperation[], registry, { membersLoaded: loaded });
          } catch (error) {
            expect(isScimError(error)).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('computes the same membership delta whether the member list is loaded or not', () => {
    const memberOperation = fc.oneof(
      fc.record({
        op: fc.constantFrom('add', 'Add', 'replace'),
        path: fc.constant('members'),
        value: fc.array(fc.record({ value: fc.constantFrom('u1', 'u2', 'u6', 'u7') }), { maxLength: 3 }),
      }),
      fc.record({
        op: fc.constant('Remove'),
        path: fc.constant('members'),
        value: fc.array(fc.record({ value: fc.constantFrom('u1', 'u2', 'u6') }), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
      fc.record({
        op: fc.constant('remove'),
        path: fc.constantFrom('members', 'members[value eq "u1"]', 'members[value eq "u3" or value eq "u6"]'),
      }),
      fc.record({
        op: fc.constant('add'),
        value: fc.record({
          members: fc.array(fc.record({ value: fc.constantFrom('u2', 'u8') }), { maxLength: 2 }),
        }),
      }),
    );
    fc.assert(
      fc.property(group, fc.array(memberOperation, { maxLength: 6 }), (resource, operations) => {
        const loaded = applyPatch(resource, operations, registry);
        const { members, ...rest } = resource;
        const unloaded = applyPatch(rest, operations, registry, { membersLoaded: false });
        expect(unloaded.members).toEqual(loaded.members);
        // Applying the delta to the stored members gives the loaded result's members.
        const delta = loaded.members!;
        const stored = ((members as { value: string }[] | undefined) ?? []).map((member) => member.value);
        let ids = delta.removeAll ? [] : stored.filter((id) => !delta.remove.includes(id));
        ids = [...ids, ...delta.add.filter((id) => !ids.includes(id))];
        const after = ((loaded.resource.members as { value: string }[] | undefined) ?? []).map(
          (member) => member.value,
        );
        expect(new Set(after)).toEqual(new Set(ids));
        expect(delta.add.some((id) => delta.remove.includes(id))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
