import { createRegistry, isScimError } from '@scimkit/schema';
import { expect, it } from 'vitest';
import { applyPatch, readPatchRequest } from '../src/index.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

it('does what the README usage example says', () => {
  const registry = createRegistry();
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName: 'alice@contoso.com',
    active: true,
    name: { givenName: 'Alice', familyName: 'Jones' },
    meta: { resourceType: 'User' },
  };
  const operations = readPatchRequest({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alice@contoso.com' },
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'replace', value: { 'name.familyName': 'Smith', [`${ENT}:employeeNumber`]: 'E124' } },
      { op: 'Add', path: `${ENT}:manager`, value: 'm-1' },
      { op: 'Add', path: 'favoriteColor', value: 'blue' },
    ],
  });
  const { resource, changed, ignored } = applyPatch(user, operations, registry);
  expect(resource).toEqual({
    ...user,
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
    active: false,
    emails: [{ value: 'alice@contoso.com', type: 'work' }],
    name: { givenName: 'Alice', familyName: 'Smith' },
    [ENT]: { employeeNumber: 'E124', manager: { value: 'm-1' } },
  });
  expect(changed).toEqual([
    'emails',
    'active',
    'name.familyName',
    `${ENT}:employeeNumber`,
    `${ENT}:manager.value`,
  ]);
  expect(ignored).toEqual([{ operation: 4, path: 'favoriteColor', reason: 'unknown attribute' }]);

  let body: unknown;
  try {
    applyPatch(resource, [{ op: 'replace', path: 'id', value: 'other' }], registry);
  } catch (error) {
    if (isScimError(error)) body = error.toJSON();
  }
  expect(body).toEqual({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '400',
    scimType: 'mutability',
    detail: 'Operations[0]: The attribute "id" is readOnly and cannot be changed.',
  });
});
