import {
  describeProblem,
  describeValue,
  isPlainObject,
  type PatchOperation,
  ScimError,
  URN,
} from '@scimkit/schema';

/**
 * Reads the body of a PATCH request (RFC 7644 §3.5.2): a `PatchOp` message whose `Operations`
 * is an array. Member names are matched in any case; a missing `schemas` is tolerated (every
 * client we know sends it, and refusing would only break one that doesn't), a wrong one is not.
 * Each operation is checked by {@link applyPatch}, which names the failing index.
 */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The PATCH request is not valid',
        expected: `a ${URN.PatchOp} message object`,
        found: describeValue(body),
        example:
          '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}',
      }),
    );
  }
  const schemas = member(body, 'schemas');
  if (
    schemas !== undefined &&
    (!Array.isArray(schemas) ||
      !schemas.some((item) => typeof item === 'string' && item.toLowerCase() === URN.PatchOp.toLowerCase()))
  ) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The PATCH request is not valid',
        expected: `"schemas" to contain ${URN.PatchOp}`,
        found: describeValue(schemas),
      }),
    );
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The PATCH request is not valid',
        expected: '"Operations" to be an array of operations',
        found: operations === undefined ? 'no "Operations"' : describeValue(operations),
      }),
    );
  }
  return operations as PatchOperation[];
}

function member(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}
