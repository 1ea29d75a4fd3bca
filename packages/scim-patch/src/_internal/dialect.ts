/**
 * Microsoft Entra ID's PATCH dialect (see ENTRA.md), folded into normal behaviour: both its 2018
 * and its 2020 "compliant" shapes arrive in the same tenant, so nothing here is a mode.
 */
import { describeValue, isExtensionUrnFor, isPlainObject, URN } from '@scimkit/schema';
import type { IgnoredReason } from '../types.ts';
import type { PatchContext, Step } from './context.ts';
import { operationError, quote } from './errors.ts';
import type { Target } from './target.ts';

// Exact spellings first: Entra's capitalised names and the RFC's lower-case ones.
const OPERATIONS = new Map<string, Step['op']>([
  ['add', 'add'],
  ['replace', 'replace'],
  ['remove', 'remove'],
  ['Add', 'add'],
  ['Replace', 'replace'],
  ['Remove', 'remove'],
]);

/**
 * Reads one element of `Operations`. Op names are matched in any case (`Replace`), as are the
 * member names; an empty `path` means no path.
 */
export function readOperation(raw: unknown, index: number): Step {
  if (!isPlainObject(raw)) {
    throw operationError(index, 'invalidSyntax', {
      failed: 'The operation is not valid',
      expected: 'an object with "op", "path" and "value"',
      found: describeValue(raw),
    });
  }
  const op = member(raw, 'op');
  const name =
    typeof op.value === 'string'
      ? (OPERATIONS.get(op.value) ?? OPERATIONS.get(op.value.trim().toLowerCase()))
      : undefined;
  if (name === undefined) {
    throw operationError(index, 'invalidSyntax', {
      failed: 'The operation is not valid',
      expected: '"op" to be "add", "replace" or "remove"',
      found: op.found ? describeValue(op.value) : 'no "op"',
    });
  }
  const path = member(raw, 'path').value;
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw operationError(index, 'invalidPath', {
      failed: 'The operation is not valid',
      expected: '"path" to be a string',
      found: describeValue(path),
    });
  }
  const trimmed = typeof path === 'string' ? path.trim() : '';
  const value = member(raw, 'value');
  return {
    index,
    op: name,
    path: trimmed === '' ? undefined : trimmed,
    value: value.value,
    hasValue: value.found,
    fromValueKey: false,
  };
}

const ABSENT = { found: false, value: undefined } as const;

function member(
  object: Record<string, unknown>,
  name: 'op' | 'path' | 'value',
): { found: boolean; value: unknown } {
  const value = object[name];
  if (value !== undefined && Object.hasOwn(object, name)) return { found: true, value };
  for (const key of Object.keys(object)) {
    if (key.length === name.length && key.toLowerCase() === name) return { found: true, value: object[key] };
  }
  return ABSENT;
}

/** `null` and `""` clear an attribute (Microsoft's validator sends both). */
export function isClear(value: unknown): boolean {
  return value === null || value === '';
}

/** A `remove` that lists what to remove; `null` is what serialisers write for "no value". */
export function hasValueList(step: Step): boolean {
  return step.hasValue && step.value !== null && step.value !== undefined;
}

/** One attribute named by a key of a path-less value object. */
export type ValueEntry = { path: string; value: unknown } | { path: string; ignored: IgnoredReason };

/**
 * Splits a path-less `add`/`replace` value into one entry per attribute it names. Keys may be
 * plain (`displayName`), dotted (`name.givenName`, which sets the sub-attribute, never a literal
 * key), URN-qualified (`urn:…:enterprise:2.0:User:employeeNumber`, split at the last ":" because
 * URNs contain dots) or a schema URN holding an object of that schema's attributes.
 */
export function expandValueObject(ctx: PatchContext, value: Record<string, unknown>): ValueEntry[] {
  const entries: ValueEntry[] = [];
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (key.toLowerCase() === 'schemas') {
      entries.push({ path: key, ignored: 'managed by the server' });
      continue;
    }
    if (/^urn:/i.test(key) && isPlainObject(item)) {
      const extension = ctx.registry.extension(ctx.resourceType, key);
      const nested =
        extension !== undefined ||
        key.toLowerCase() === ctx.coreSchema.toLowerCase() ||
        isExtensionUrnFor(key, ctx.resourceType);
      if (nested) {
        const prefix =
          key.toLowerCase() === ctx.coreSchema.toLowerCase() ? '' : `${extension?.schema.id ?? key}:`;
        for (const inner of Object.keys(item))
          entries.push({ path: `${prefix}${inner}`, value: item[inner] });
        continue;
      }
    }
    entries.push({ path: key, value: item });
  }
  return entries;
}

/** The enterprise extension's `manager`, which Entra sends as a bare id, `{value}` or a legacy array. */
export function isManager(target: Target): boolean {
  return target.urn === URN.EnterpriseUser && target.attribute.name === 'manager';
}

/**
 * What is stored for a manager: only its id. `$ref` and `displayName` are derived from the id
 * when the resource is read; a client-sent `$ref` (Entra's legacy array carries one) would go
 * stale when the manager changes.
 */
export function managerValue(value: unknown): unknown {
  if (!isPlainObject(value) || value.value === undefined) return undefined;
  return { value: value.value };
}

/** Message for a value that cannot be used with an operation. */
export function valueError(step: Step, path: string, expected: string, value: unknown): Error {
  return operationError(step.index, 'invalidValue', {
    failed: `The value of ${quote(path)} is not valid`,
    expected,
    found: describeValue(value),
  });
}
