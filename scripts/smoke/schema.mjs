// Exercises the built @scimkit/schema the way a user would, on whatever runtime runs it.
import assert from 'node:assert/strict';
import { createRegistry, isScimError, projectResource, URN, validateResource } from '@scimkit/schema';

export default function smokeSchema() {
  const registry = createRegistry();
  const user = validateResource(
    registry,
    'User',
    {
      userName: 'smoke@example.com',
      active: 'False',
      password: 'secret',
      [URN.EnterpriseUser]: { manager: 'm1' },
    },
    { mode: 'create' },
  );
  assert.equal(user.active, false);
  assert.deepEqual(user[URN.EnterpriseUser], { manager: { value: 'm1' } });
  const projected = projectResource(registry, { ...user, id: 'u1' }, { resourceType: 'User' });
  assert.equal(projected.password, undefined);
  try {
    validateResource(registry, 'User', {}, { mode: 'create' });
    assert.fail('expected a ScimError');
  } catch (error) {
    assert.ok(isScimError(error));
    assert.equal(error.toJSON().status, '400');
  }
}
