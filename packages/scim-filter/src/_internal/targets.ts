import { type AttributeDefinition, findSubAttribute, type SchemaRegistry } from '@scimkit/schema';
import type { AttributePath } from '../ast.ts';
import { stringifyAttributePath } from '../print.ts';
import { getAttribute, isPresent } from '../values.ts';

/** A test on a resource, on an element of a multi-valued attribute, or on one value. */
export type Test = (value: unknown) => boolean;

export interface Scope {
  registry: SchemaRegistry | undefined;
  resourceType: string;
  /** Inside "[…]": the complex attribute whose elements are tested. */
  parent: { definition: AttributeDefinition | undefined; label: string } | undefined;
}

/** Where a path's values are: read the attribute, then optionally one sub-attribute of it. */
export interface Target {
  read: (container: unknown) => unknown;
  sub: string | undefined;
  subLower: string;
  /** The definition the path ends at; `undefined` without a registry. */
  definition: AttributeDefinition | undefined;
  label: string;
}

/**
 * Where `path` reads its values, or `undefined` when the schema knows no such attribute.
 */
export function resolve(path: AttributePath, scope: Scope): Target | undefined {
  const { registry, parent } = scope;
  if (parent !== undefined) {
    const label = `${parent.label}.${path.attribute}`;
    if (registry === undefined) return relativeTarget(path.attribute, path.subAttribute, undefined, label);
    const definition = findSubAttribute(parent.definition!, path.attribute);
    if (definition === undefined) return undefined;
    if (path.subAttribute === undefined) return relativeTarget(definition.name, undefined, definition, label);
    const sub = findSubAttribute(definition, path.subAttribute);
    return sub === undefined ? undefined : relativeTarget(definition.name, sub.name, sub, label);
  }
  const label = stringifyAttributePath(path);
  if (registry === undefined) {
    const { schema, attribute, subAttribute } = path;
    const lower = attribute.toLowerCase();
    if (schema === undefined) return relativeTarget(attribute, subAttribute, undefined, label);
    // Without a schema we cannot tell core from extension: use the URN key when it exists.
    const schemaLower = schema.toLowerCase();
    const read = (c: unknown): unknown => {
      const extension = getAttribute(c, schema, schemaLower);
      return extension === undefined
        ? getAttribute(c, attribute, lower)
        : getAttribute(extension, attribute, lower);
    };
    return target(read, subAttribute, undefined, label);
  }
  const resolved = registry.resolve(scope.resourceType, path);
  if (resolved === undefined) return undefined;
  const name = resolved.attribute.name;
  const lower = name.toLowerCase();
  const sub = resolved.subAttribute?.name;
  if (!resolved.extension)
    return target((c) => getAttribute(c, name, lower), sub, resolved.definition, label);
  // Extension attributes live under their schema URN (RFC 7643 §3.3).
  const urn = resolved.schema!;
  const urnLower = urn.toLowerCase();
  const read = (c: unknown): unknown => getAttribute(getAttribute(c, urn, urnLower), name, lower);
  return target(read, sub, resolved.definition, label);
}

function relativeTarget(
  name: string,
  sub: string | undefined,
  definition: AttributeDefinition | undefined,
  label: string,
): Target {
  const lower = name.toLowerCase();
  return target((c) => getAttribute(c, name, lower), sub, definition, label);
}

function target(
  read: Target['read'],
  sub: string | undefined,
  definition: AttributeDefinition | undefined,
  label: string,
): Target {
  return { read, sub, subLower: sub?.toLowerCase() ?? '', definition, label };
}

/** True when `test` holds for `value` or, for an array, for any element of it. */
function anyOf(value: unknown, test: Test): boolean {
  if (!Array.isArray(value)) return test(value);
  for (let i = 0; i < value.length; i++) if (test(value[i])) return true;
  return false;
}

/**
 * Applies `test` to every value the target reaches: each element of a multi-valued
 * attribute, then the sub-attribute of each (or, with `implied`, its `value`; `'dynamic'`
 * does so only for elements that are objects, when there is no schema to say).
 */
export function collect(target: Target, test: Test, implied: boolean | 'dynamic'): Test {
  const { read, sub, subLower } = target;
  let item = test;
  if (sub !== undefined) item = (element) => anyOf(getAttribute(element, sub, subLower), test);
  else if (implied === true) item = (element) => anyOf(getAttribute(element, 'value', 'value'), test);
  else if (implied === 'dynamic') {
    item = (element) =>
      typeof element === 'object' && element !== null
        ? anyOf(getAttribute(element, 'value', 'value'), test)
        : test(element);
  }
  return (c) => anyOf(read(c), item);
}

/** The `pr` test of a target (RFC 7644 §3.4.2.2). */
export function presence(target: Target): Test {
  const { read, sub, subLower } = target;
  if (sub === undefined) return (c) => isPresent(read(c));
  const item: Test = (element) => isPresent(getAttribute(element, sub, subLower));
  return (c) => anyOf(read(c), item);
}
