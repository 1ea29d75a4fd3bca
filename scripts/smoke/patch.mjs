// The built @scimkit/patch: Entra's dialect and a membership delta.
import assert from 'node:assert/strict';
import { applyPatch } from '@scimkit/patch';
import { createRegistry } from '@scimkit/schema';

export default function smokePatch() {
  const registry = createRegistry();
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'u1',
    userName: 'a',
    active: true,
  };
  const result = applyPatch(
    user,
    [
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'replace', value: { 'name.givenName': 'A' } },
    ],
    registry,
  );
  assert.equal(result.resource.active, false);
  assert.deepEqual(result.resource.name, { givenName: 'A' });
  assert.equal(user.active, true);
  const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'G' };
  const delta = applyPatch(group, [{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }], registry, {
    resourceType: 'Group',
    membersLoaded: false,
  });
  assert.deepEqual(delta.members, { removeAll: false, remove: ['u1'], add: [] });
}
