import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedPaths, createdPaths } from '../src/_internal/changes.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('createdPaths', () => {
  it('lists what a create changes: top-level names and extension attributes, never schemas', () => {
    expect(
      createdPaths({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        userName: 'ann',
        emails: [{ value: 'ann@x' }],
        [ENTERPRISE]: { department: 'Sales', manager: { value: 'x' } },
      }),
    ).toEqual(['userName', 'emails', `${ENTERPRISE}:department`, `${ENTERPRISE}:manager`]);
  });

  it('agrees with changedPaths from an empty document', () => {
    const key = fc.constantFrom('userName', 'title', 'schemas', ENTERPRISE, 'urn:x:Custom', 'emails');
    const value = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (doc) => {
        expect(createdPaths(doc)).toEqual(changedPaths({}, doc));
      }),
    );
  });
});
