import { createRegistry, type PatchOperation } from '@scimkit/schema';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApplyPatchOptions,
  applyPatch,
  type IgnoredReason,
  type MembershipDelta,
  type PatchResult,
  readPatchRequest,
  requiresMemberList,
} from './index.ts';

describe('public types', () => {
  it('types applyPatch', () => {
    expectTypeOf(applyPatch).parameters.toEqualTypeOf<
      [
        Record<string, unknown>,
        readonly PatchOperation[],
        ReturnType<typeof createRegistry>,
        ApplyPatchOptions?,
      ]
    >();
    expectTypeOf(applyPatch).returns.toEqualTypeOf<PatchResult>();
    expectTypeOf<PatchResult['members']>().toEqualTypeOf<MembershipDelta | undefined>();
    expectTypeOf<MembershipDelta>().toEqualTypeOf<{ removeAll: boolean; remove: string[]; add: string[] }>();
    expectTypeOf<IgnoredReason>().toEqualTypeOf<
      'unknown attribute' | 'unknown schema' | 'managed by the server'
    >();
  });

  it('accepts Entra operations as typed PATCH operations', () => {
    const result = applyPatch(
      { schemas: [], meta: { resourceType: 'User' } },
      [{ op: 'Replace', path: 'active', value: 'False' }],
      createRegistry(),
      { membersLoaded: false, loadMembers: () => [], validate: 'changed' },
    );
    expectTypeOf(result.changed).toEqualTypeOf<string[]>();
    // @ts-expect-error: validate is 'changed' or 'resource'
    applyPatch({}, [], createRegistry(), { validate: 'full' });
  });

  it('types the helpers', () => {
    expectTypeOf(readPatchRequest).parameter(0).toBeUnknown();
    expectTypeOf(readPatchRequest).returns.toEqualTypeOf<PatchOperation[]>();
    expectTypeOf(requiresMemberList).returns.toBeBoolean();
  });
});
