import {
  createRegistry,
  defineExtension,
  isScimError,
  type PatchOperation,
  type SchemaRegistry,
  type ScimError,
} from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { type ApplyPatchOptions, applyPatch, readPatchRequest } from '../src/index.ts';
import { deepFreeze } from './fixture-runner.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BADGE = 'urn:ietf:params:scim:schemas:extension:Badge:2.0:User';

const user = deepFreeze({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u-1',
  userName: 'alice@contoso.com',
  active: true,
  name: { givenName: 'Alice' },
  emails: [
    { value: 'alice@contoso.com', type: 'work' },
    { value: 'alice@example.com', type: 'work' },
  ],
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' },
});

const group = deepFreeze({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g-1',
  displayName: 'Sales',
  members: [{ value: 'u1', display: 'Alice' }],
  meta: { resourceType: 'Group' },
});

function badgeRegistry(required = false): SchemaRegistry {
  const registry = createRegistry();
  registry.registerExtension(
    'User',
    defineExtension(BADGE, { badge: { type: 'string', mutability: 'immutable' }, level: 'integer' }),
    { required },
  );
  return registry;
}

interface ErrorCase {
  name: string;
  resource?: Record<string, unknown>;
  operations: unknown;
  registry?: SchemaRegistry;
  options?: ApplyPatchOptions;
  status?: number;
  scimType: ScimError['scimType'];
  words: string[];
}

const cases: ErrorCase[] = [
  {
    name: 'Operations that is not an array',
    operations: { op: 'add' },
    scimType: 'invalidSyntax',
    words: ['Operations', 'array'],
  },
  {
    name: 'an operation that is not an object',
    operations: ['add'],
    scimType: 'invalidSyntax',
    words: ['Operations[0]', 'expected an object'],
  },
  {
    name: 'an operation without "op"',
    operations: [{ path: 'title', value: 'x' }],
    scimType: 'invalidSyntax',
    words: ['Operations[0]', '"add", "replace" or "remove"', 'no "op"'],
  },
  {
    name: 'an unknown op',
    operations: [{ op: 'copy', path: 'title', value: 'x' }],
    scimType: 'invalidSyntax',
    words: ['Operations[0]', '"add", "replace" or "remove"', '"copy"'],
  },
  {
    name: 'a path that is not a string',
    operations: [{ op: 'add', path: 42, value: 'x' }],
    scimType: 'invalidPath',
    words: ['Operations[0]', '"path" to be a string', 'number 42'],
  },
  {
    name: 'a malformed path, naming the operation index',
    operations: [
      { op: 'replace', path: 'title', value: 'a' },
      { op: 'replace', path: 'displayName', value: 'b' },
      { op: 'replace', path: 'emails[type eq', value: 'c' },
    ],
    scimType: 'invalidPath',
    words: ['Operations[2]', 'position 14', 'expected a value'],
  },
  {
    name: 'a remove without path',
    operations: [{ op: 'remove' }],
    scimType: 'noTarget',
    words: ['Operations[0]', 'no target', '"path"'],
  },
  {
    name: 'an add without value',
    operations: [{ op: 'add', path: 'title' }],
    scimType: 'invalidValue',
    words: ['Operations[0]', '"title"', '"value"'],
  },
  {
    name: 'a replace without value',
    operations: [{ op: 'Replace', path: 'title' }],
    scimType: 'invalidValue',
    words: ['Operations[0]', '"value"'],
  },
  {
    name: 'a path-less add whose value is not an object',
    operations: [{ op: 'add', value: 'Alice' }],
    scimType: 'invalidValue',
    words: ['Operations[0]', 'object of attributes', 'the string "Alice"'],
  },
  {
    name: 'a change of the readOnly id',
    operations: [{ op: 'replace', path: 'id', value: 'u-2' }],
    scimType: 'mutability',
    words: ['Operations[0]', '"id"', 'readOnly'],
  },
  {
    name: 'a removal of the readOnly id',
    operations: [{ op: 'remove', path: 'id' }],
    scimType: 'mutability',
    words: ['"id"', 'readOnly'],
  },
  {
    name: 'a change of readOnly meta in a path-less value',
    operations: [{ op: 'replace', value: { meta: { created: '2020-01-01T00:00:00Z' } } }],
    scimType: 'mutability',
    words: ['"meta"', 'readOnly'],
  },
  {
    name: 'a change of the readOnly groups of a user',
    operations: [{ op: 'add', path: 'groups', value: [{ value: 'g-1' }] }],
    scimType: 'mutability',
    words: ['"groups"', 'readOnly'],
  },
  {
    name: 'a change of an immutable attribute that is set',
    resource: { ...user, [BADGE]: { badge: 'B-1' }, schemas: [...user.schemas, BADGE] },
    registry: badgeRegistry(),
    operations: [{ op: 'replace', path: `${BADGE}:badge`, value: 'B-2' }],
    scimType: 'mutability',
    words: [`"${BADGE}:badge"`, 'immutable', 'set once'],
  },
  {
    name: 'a removal of an immutable attribute that is set',
    resource: { ...user, [BADGE]: { badge: 'B-1' }, schemas: [...user.schemas, BADGE] },
    registry: badgeRegistry(),
    operations: [{ op: 'remove', path: `${BADGE}:badge` }],
    scimType: 'mutability',
    words: ['immutable'],
  },
  {
    name: 'a change of the immutable id of a member',
    resource: group,
    operations: [{ op: 'replace', path: 'members[value eq "u1"].value', value: 'u2' }],
    scimType: 'mutability',
    words: ['"members.value"', 'immutable'],
  },
  {
    name: 'a change of the readOnly display of a member',
    resource: group,
    operations: [{ op: 'replace', path: 'members[value eq "u1"].display', value: 'Bob' }],
    scimType: 'mutability',
    words: ['"members.display"', 'readOnly'],
  },
  {
    name: 'a manager without an id',
    resource: { ...user, [ENT]: { manager: { value: 'm-1' } }, schemas: [...user.schemas, ENT] },
    operations: [{ op: 'replace', path: `${ENT}:manager`, value: { displayName: 'Bob' } }],
    scimType: 'invalidValue',
    words: ['manager', "the manager's id", 'an object'],
  },
  {
    name: 'a removal of the required userName',
    operations: [{ op: 'remove', path: 'userName' }],
    scimType: 'mutability',
    words: ['"userName"', 'required', 'cannot be removed'],
  },
  {
    name: 'clearing the required userName with ""',
    operations: [{ op: 'replace', path: 'userName', value: '' }],
    scimType: 'mutability',
    words: ['"userName"', 'required'],
  },
  {
    name: 'a removal of the required displayName of a group',
    resource: group,
    operations: [{ op: 'remove', path: 'displayName' }],
    scimType: 'mutability',
    words: ['"displayName"', 'required'],
  },
  {
    name: 'a removal of a required extension',
    resource: { ...user, [BADGE]: { level: 2 }, schemas: [...user.schemas, BADGE] },
    registry: badgeRegistry(true),
    operations: [{ op: 'remove', path: BADGE }],
    scimType: 'mutability',
    words: [BADGE, 'required'],
  },
  {
    name: 'a value of the wrong type',
    operations: [{ op: 'replace', path: 'active', value: 'maybe' }],
    scimType: 'invalidValue',
    words: ['Operations[0]', 'active', 'boolean', 'the string "maybe"'],
  },
  {
    name: 'a number for a string attribute',
    operations: [{ op: 'add', path: 'title', value: 7 }],
    scimType: 'invalidValue',
    words: ['title', 'a string', 'number 7'],
  },
  {
    name: 'a wrong type in a path-less value',
    operations: [{ op: 'replace', value: { displayName: 'A', 'name.givenName': { x: 1 } } }],
    scimType: 'invalidValue',
    words: ['Operations[0]', 'name.givenName', 'a string'],
  },
  {
    name: 'several values for a single-valued attribute',
    operations: [{ op: 'replace', path: 'title', value: ['a', 'b'] }],
    scimType: 'invalidValue',
    words: ['title', 'single value', 'array of 2'],
  },
  {
    name: 'an object for a simple attribute',
    operations: [{ op: 'replace', path: 'nickName', value: { value: 'x' } }],
    scimType: 'invalidValue',
    words: ['nickName', 'a string', 'an object'],
  },
  {
    name: 'a non-boolean primary through a filter',
    operations: [{ op: 'replace', path: 'emails[value eq "alice@contoso.com"].primary', value: 'yes' }],
    scimType: 'invalidValue',
    words: ['emails.primary', 'boolean'],
  },
  {
    name: 'two values made primary by one add',
    operations: [
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'a@x.com', primary: true },
          { value: 'b@x.com', primary: true },
        ],
      },
    ],
    scimType: 'invalidValue',
    words: ['emails', 'primary', 'at most one'],
  },
  {
    name: 'two values made primary by one filter',
    operations: [{ op: 'replace', path: 'emails[type eq "work"].primary', value: true }],
    scimType: 'invalidValue',
    words: ['2 values of "emails" primary', 'at most one'],
  },
  {
    name: 'a filter that matches nothing and cannot describe a new value',
    operations: [{ op: 'replace', path: 'emails[value co "@fabrikam.com"].type', value: 'home' }],
    scimType: 'noTarget',
    words: ['Operations[0]', 'selects no value', '"eq" comparisons joined by "and"'],
  },
  {
    name: 'a value filter on a single-valued attribute',
    operations: [{ op: 'replace', path: 'name[givenName eq "Alice"].familyName', value: 'Smith' }],
    scimType: 'invalidPath',
    words: ['Operations[0]', 'multi-valued complex attribute', 'single-valued complex attribute name'],
  },
  {
    name: 'a filter comparison the schema forbids',
    operations: [{ op: 'remove', path: 'emails[primary gt true]' }],
    scimType: 'invalidFilter',
    words: ['Operations[0]', 'primary gt true', 'eq, ne or pr'],
  },
  {
    name: 'a member without an id',
    resource: group,
    operations: [{ op: 'Add', path: 'members', value: [{ display: 'Nobody' }] }],
    scimType: 'invalidValue',
    words: ['Operations[0]', 'members[0]', '"value"'],
  },
  {
    name: 'a string longer than allowed',
    options: { maxStringLength: 8 },
    operations: [{ op: 'replace', path: 'displayName', value: 'A very long name' }],
    scimType: 'invalidValue',
    words: ['displayName', '16 characters', 'at most 8'],
  },
  {
    name: 'a member-list operation on a group whose members were not loaded, without loadMembers',
    resource: { ...group, members: undefined },
    options: { membersLoaded: false },
    operations: [{ op: 'remove', path: 'members[display eq "Alice"]' }],
    status: 500,
    scimType: undefined,
    words: ['Operations[0]', 'loadMembers'],
  },
];

function thrown(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (isScimError(error)) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('errors', () => {
  it.each(cases)('rejects $name', (c) => {
    const resource = deepFreeze(structuredClone(c.resource ?? user));
    const error = thrown(() =>
      applyPatch(resource, c.operations as PatchOperation[], c.registry ?? createRegistry(), c.options),
    );
    expect(error.status).toBe(c.status ?? 400);
    expect(error.scimType).toBe(c.scimType);
    for (const word of c.words) expect(error.detail).toContain(word);
    expect(error.toJSON().status).toBe(String(c.status ?? 400));
  });

  it('keeps the parser position of a malformed path', () => {
    const error = thrown(() =>
      applyPatch(user, [{ op: 'add', path: 'emails[type eq "work"', value: 'x' }], createRegistry()),
    );
    expect(error.position).toBe(21);
    expect(error.detail).toMatch(/^Operations\[0\]: /);
  });

  it('accepts a readOnly attribute sent with its current value', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', value: { id: 'u-1', displayName: 'A' } }],
      createRegistry(),
    );
    expect(result.changed).toEqual(['displayName']);
  });

  it('sets an immutable attribute that has no value yet', () => {
    const result = applyPatch(user, [{ op: 'add', path: `${BADGE}:badge`, value: 'B-1' }], badgeRegistry());
    expect(result.resource[BADGE]).toEqual({ badge: 'B-1' });
  });

  it('refuses to set a readOnly sub-attribute of the manager', () => {
    const error = thrown(() =>
      applyPatch(user, [{ op: 'add', path: `${ENT}:manager.displayName`, value: 'Bob' }], createRegistry()),
    );
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toContain('manager.displayName');
  });

  it('cannot tell the resource type of a resource without meta or schemas', () => {
    expect(() => applyPatch({ id: 'x' }, [], createRegistry())).toThrow(/resourceType/);
  });
});

describe('operations naming what the schema does not define', () => {
  it('ignores an add through a filter on an unknown sub-attribute', () => {
    const result = applyPatch(
      user,
      [
        { op: 'Add', path: 'emails[label eq "office"].value', value: 'a@x.org' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
      createRegistry(),
    );
    expect(result.changed).toEqual(['active']);
    expect(result.ignored).toEqual([
      { operation: 0, path: 'emails[label eq "office"].value', reason: 'unknown attribute' },
    ]);
  });
});

describe('readPatchRequest', () => {
  it('returns the operations of a PatchOp message', () => {
    const operations = [{ op: 'replace', path: 'active', value: false }];
    expect(
      readPatchRequest({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: operations,
      }),
    ).toBe(operations);
  });

  it('reads "Operations" in any case and tolerates a missing schemas', () => {
    expect(readPatchRequest({ operations: [] })).toEqual([]);
  });

  it.each([
    { body: 'x', words: ['PatchOp message object', 'the string "x"'] },
    {
      body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], Operations: [] },
      words: ['"schemas" to contain'],
    },
    {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] },
      words: ['"Operations"', 'no "Operations"'],
    },
    { body: { Operations: {} }, words: ['"Operations" to be an array', 'an object'] },
  ])('rejects $body', ({ body, words }) => {
    const error = thrown(() => readPatchRequest(body));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidSyntax');
    for (const word of words) expect(error.detail).toContain(word);
  });
});
