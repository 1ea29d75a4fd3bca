import {
  describeProblem,
  describeValue,
  isPlainObject,
  isScimError,
  type PatchOperation,
  type SchemaRegistry,
  ScimError,
  validateResource,
} from '@scimkit/schema';
import { changedPaths } from './_internal/changes.ts';
import { PatchContext, type Step } from './_internal/context.ts';
import { expandValueObject, isClear, readOperation, valueError } from './_internal/dialect.ts';
import { inOperation, operationError } from './_internal/errors.ts';
import { applyToMembers, isMembersTarget, membershipFor } from './_internal/membership.ts';
import { resolveTarget, type Target } from './_internal/target.ts';
import { applyAdd } from './ops/add.ts';
import { applyRemove } from './ops/remove.ts';
import { applyReplace } from './ops/replace.ts';
import type { ApplyPatchOptions, PatchResult } from './types.ts';

/**
 * Applies the operations of a PATCH request (RFC 7644 §3.5.2) to a resource, in order and
 * atomically: the result is returned only when every operation succeeded, and the input is
 * never mutated. Speaks Microsoft Entra ID's dialect as normal behaviour (ENTRA.md). Throws
 * a `ScimError` 400 (`invalidSyntax`, `invalidPath`, `invalidValue`, `invalidFilter`,
 * `mutability`, `noTarget`) whose detail starts with the failing operation, `Operations[i]:`.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  operations: readonly PatchOperation[],
  registry: SchemaRegistry,
  options: ApplyPatchOptions = {},
): PatchResult {
  if (!isPlainObject(resource)) {
    throw new TypeError(
      `[scim-patch] applyPatch needs the resource as a JSON object, got ${describeValue(resource)}`,
    );
  }
  const resourceType = options.resourceType ?? registry.resourceTypeOf(resource)?.name;
  if (resourceType === undefined) {
    throw new TypeError(
      '[scim-patch] cannot tell the resource type: pass options.resourceType, or give the resource meta.resourceType or its core schema in schemas',
    );
  }
  if (!Array.isArray(operations)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The PATCH request is not valid',
        expected: '"Operations" to be an array of operations',
        found: describeValue(operations),
      }),
    );
  }
  const ctx = new PatchContext(registry, resourceType, resource, options);
  ctx.membership = membershipFor(ctx);
  for (let index = 0; index < operations.length; index++) {
    try {
      applyStep(ctx, readOperation(operations[index], index));
    } catch (error) {
      throw inOperation(index, error);
    }
  }
  let patched = ctx.draft.resource;
  if (options.validate === 'resource') {
    const validateOptions: Parameters<typeof validateResource>[3] = { mode: 'patch' };
    if (options.maxStringLength !== undefined) validateOptions.maxStringLength = options.maxStringLength;
    patched = validateResource(registry, resourceType, patched, validateOptions);
  }
  const result: PatchResult = { resource: patched, changed: changedPaths(ctx), ignored: ctx.ignored };
  if (ctx.membership !== undefined) result.members = ctx.membership.delta;
  return result;
}

function applyStep(ctx: PatchContext, step: Step): void {
  if (step.path === undefined) {
    applyToResource(ctx, step);
    return;
  }
  let resolution: ReturnType<typeof resolveTarget>;
  try {
    resolution = resolveTarget(ctx, step, step.path);
  } catch (error) {
    // A key of a path-less value that is no valid path is an attribute we don't know.
    if (step.fromValueKey && isInvalidPath(error)) {
      ctx.ignore(step.index, step.path, 'unknown attribute');
      return;
    }
    throw error;
  }
  switch (resolution.kind) {
    case 'ignored':
      ctx.ignore(step.index, step.path, resolution.reason);
      return;
    case 'resource':
      applyToResource(ctx, step);
      return;
    case 'extension':
      applyToExtension(ctx, step, resolution.urn, resolution.required);
      return;
    case 'attribute':
      if (isMembersTarget(ctx, resolution.target)) {
        applyToMembers(ctx, step, resolution.target, (target) => applyToAttribute(ctx, step, target));
      } else {
        applyToAttribute(ctx, step, resolution.target);
      }
  }
}

function applyToAttribute(ctx: PatchContext, step: Step, target: Target): void {
  if (step.op === 'add') applyAdd(ctx, step, target);
  else if (step.op === 'replace') applyReplace(ctx, step, target);
  else applyRemove(ctx, step, target);
}

/**
 * No path (or the core schema URN): "the target location is assumed to be the resource
 * itself" (RFC 7644 §3.5.2.1, §3.5.2.3), and each member of the value object is applied as if
 * it were the path of its own operation. `remove` needs a path (§3.5.2.2).
 */
function applyToResource(ctx: PatchContext, step: Step): void {
  if (step.op === 'remove') {
    throw operationError(step.index, 'noTarget', {
      failed: 'The "remove" operation has no target',
      expected: 'a "path" naming what to remove',
      example: '{"op":"remove","path":"members[value eq \\"2819c223-7f76-453a-919d-413861904646\\"]"}',
    });
  }
  if (!isPlainObject(step.value)) {
    throw valueError(
      step,
      step.path ?? 'the resource',
      'an object of attributes when there is no "path"',
      step.value,
    );
  }
  for (const entry of expandValueObject(ctx, step.value)) {
    if ('ignored' in entry) ctx.ignore(step.index, entry.path, entry.ignored);
    else
      applyStep(ctx, { ...step, path: entry.path, value: entry.value, hasValue: true, fromValueKey: true });
  }
}

/** A bare extension URN as path: its object sets that schema's attributes; remove clears them. */
function applyToExtension(ctx: PatchContext, step: Step, urn: string, required: boolean): void {
  if (step.op !== 'remove' && isPlainObject(step.value)) {
    for (const key of Object.keys(step.value)) {
      applyStep(ctx, {
        ...step,
        path: `${urn}:${key}`,
        value: step.value[key],
        hasValue: true,
        fromValueKey: true,
      });
    }
    return;
  }
  if (step.op !== 'remove' && !isClear(step.value)) {
    throw valueError(step, step.path ?? urn, `an object of ${urn} attributes`, step.value);
  }
  if (required) {
    throw operationError(step.index, 'mutability', {
      failed: `The extension ${urn} is required and cannot be removed`,
    });
  }
  const schema = ctx.registry.extension(ctx.resourceType, urn)?.schema;
  for (const attribute of schema?.attributes ?? []) {
    applyStep(ctx, {
      ...step,
      op: 'remove',
      path: `${urn}:${attribute.name}`,
      hasValue: false,
      value: undefined,
    });
  }
}

function isInvalidPath(error: unknown): boolean {
  return isScimError(error) && error.scimType === 'invalidPath';
}
