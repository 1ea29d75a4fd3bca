import { checkLeaf } from './_internal/leaf.ts';
import type { AttributeDefinition, SchemaDefinition } from './definitions/types.ts';
import { describeProblem, describeValue, ScimError } from './errors.ts';
import {
  type AttributeTable,
  findSubAttribute,
  inferExtensionSchema,
  isExtensionUrnFor,
  type SchemaRegistry,
} from './registry.ts';

type ExtensionAttributes = NonNullable<ReturnType<AttributeTable['extensions']['get']>>['attributes'];

/** How `validateResource` treats its input. */
export interface ValidateOptions {
  /**
   * `create` (POST) and `replace` (PUT) drop readOnly input and enforce required attributes;
   * `replace` also keeps immutable attributes from changing. `patch` type-checks a resource
   * produced by the PATCH engine and keeps its readOnly attributes (`id`, `meta`, `groups`).
   */
  mode: 'create' | 'replace' | 'patch';
  /** The stored resource, for `replace`: immutable attributes are compared against it. */
  existing?: Record<string, unknown>;
  /** Called for every input attribute that was ignored, with the reason. */
  onIgnored?: (path: string, reason: string) => void;
  /**
   * Keep data under an unregistered extension URN of this resource type
   * (`urn:…:extension:<Name>:2.0:User`) by inferring its schema and registering it in the
   * registry: Entra sends custom extension attributes without declaring them.
   */
  registerUnknownExtensions?: boolean;
  /** Called with every schema `registerUnknownExtensions` registered. */
  onRegisteredExtension?: (schema: SchemaDefinition) => void;
  /** Longest string value accepted, in UTF-16 code units. Default 65,536. */
  maxStringLength?: number;
}

/** Default `maxStringLength`. */
export const DEFAULT_MAX_STRING_LENGTH = 65_536;
const MAX_PROBLEMS = 50;
const ABSENT: unique symbol = Symbol('absent');
type Normalized = unknown | typeof ABSENT;

interface Problem {
  path: string;
  message: string;
  mutability: boolean;
}

interface Walk {
  mode: ValidateOptions['mode'];
  maxStringLength: number;
  problems: Problem[];
  onIgnored: ((path: string, reason: string) => void) | undefined;
}

/**
 * Validates and normalises a resource of `resourceType` against the registry (RFC 7643):
 * canonical attribute names, Entra's boolean strings coerced, `null` and `[]` treated as
 * absent, readOnly input dropped, unknown attributes ignored (and reported), required
 * attributes and types enforced, string values never reformatted. Returns a new object;
 * throws one `ScimError` 400 listing every problem with its attribute path.
 */
export function validateResource(
  registry: SchemaRegistry,
  resourceType: string,
  input: unknown,
  options: ValidateOptions,
): Record<string, unknown> {
  const type = registry.resourceType(resourceType);
  if (type === undefined) {
    throw ScimError.notFound(
      `The resource type ${JSON.stringify(resourceType)} is not known to this service provider.`,
    );
  }
  if (!isPlainObject(input)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: `The ${type.name} is not valid`,
        expected: 'a JSON object',
        found: describeValue(input),
      }),
    );
  }
  const walk: Walk = {
    mode: options.mode,
    maxStringLength: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    problems: [],
    onIgnored: options.onIgnored,
  };
  const base = new Map<string, unknown>();
  const extensions = new Map<string, Map<string, unknown>>();
  let table = registry.attributeTable(type.name);

  for (const key of Object.keys(input)) {
    if (walk.problems.length >= MAX_PROBLEMS) break;
    const value = input[key];
    if (key.toLowerCase() === 'schemas') {
      checkSchemas(value, walk);
      continue;
    }
    const lower = key.toLowerCase();
    const attribute = table.base.get(lower)?.definition;
    if (attribute !== undefined) {
      putNormalized(base, attribute, value, attribute.name, walk);
      continue;
    }
    if (lower.startsWith('urn:')) {
      let extension = table.extensions.get(lower);
      if (extension === undefined && options.registerUnknownExtensions && isExtensionUrnFor(key, type.name)) {
        const inferred = inferExtensionSchema(key, value);
        if (inferred !== undefined) {
          registry.registerExtension(type.name, inferred);
          options.onRegisteredExtension?.(inferred);
          table = registry.attributeTable(type.name);
          extension = table.extensions.get(lower);
        }
      }
      if (extension !== undefined) {
        normalizeExtension(extension.schema, extension.attributes, value, extensions, walk);
        continue;
      }
      if (!isDottedPath(key)) {
        walk.onIgnored?.(key, 'unknown schema');
        continue;
      }
    }
    if (isDottedPath(key) && putDotted(registry, type.name, key, value, base, extensions, walk)) continue;
    walk.onIgnored?.(key, 'unknown attribute');
  }

  const core = table.core;
  const bound = [...table.extensions.values()];
  for (const definition of core.attributes) {
    if (definition.required && isMissing(base.get(definition.name))) {
      walk.problems.push({ path: definition.name, message: 'is required but missing', mutability: false });
    }
  }
  for (const { schema, required } of bound) {
    if (required && !extensions.has(schema.id)) {
      walk.problems.push({
        path: schema.id,
        message: 'is a required extension but missing',
        mutability: false,
      });
    }
  }
  if (options.mode === 'replace' && options.existing !== undefined) {
    checkImmutable(registry, type.name, options.existing, base, extensions, walk);
  }
  if (walk.problems.length > 0) throw toError(type.name, walk.problems);

  const output: Record<string, unknown> = {
    schemas: [
      core.id,
      ...bound.filter(({ schema }) => extensions.has(schema.id)).map(({ schema }) => schema.id),
    ],
  };
  for (const name of ['id', 'externalId', 'meta']) {
    if (base.has(name)) output[name] = base.get(name);
  }
  for (const definition of core.attributes) {
    if (base.has(definition.name)) output[definition.name] = base.get(definition.name);
  }
  for (const { schema } of bound) {
    const values = extensions.get(schema.id);
    if (values === undefined) continue;
    const object: Record<string, unknown> = {};
    for (const definition of schema.attributes) {
      if (values.has(definition.name)) object[definition.name] = values.get(definition.name);
    }
    output[schema.id] = object;
  }
  return output;
}

/**
 * Normalises one attribute value (single or multi-valued, simple or complex) the way
 * `validateResource` does, for code that sets attributes one at a time (the PATCH engine).
 * Returns `undefined` when the value means "unassigned" (`null`, `[]`, empty object).
 */
export function normalizeAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  options: {
    path?: string;
    maxStringLength?: number;
    keepReadOnly?: boolean;
    /** Called for every sub-attribute that was ignored (unknown, or readOnly unless kept). */
    onIgnored?: (path: string, reason: string) => void;
  } = {},
): unknown {
  const walk: Walk = {
    mode: options.keepReadOnly === false ? 'create' : 'patch',
    maxStringLength: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH,
    problems: [],
    onIgnored: options.onIgnored,
  };
  const normalized = normalize(definition, value, options.path ?? definition.name, walk);
  if (walk.problems.length > 0) throw toError(undefined, walk.problems);
  return normalized === ABSENT ? undefined : normalized;
}

function putNormalized(
  target: Map<string, unknown>,
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  walk: Walk,
): void {
  const normalized = normalize(definition, value, path, walk);
  if (normalized === ABSENT) return;
  const prior = target.get(definition.name);
  // `name.givenName` and `name` in one body both contribute to `name`.
  if (!definition.multiValued && isPlainObject(prior) && isPlainObject(normalized)) {
    const merged: Record<string, unknown> = {};
    for (const sub of definition.subAttributes ?? []) {
      const item = sub.name in normalized ? normalized[sub.name] : prior[sub.name];
      if (item !== undefined) merged[sub.name] = item;
    }
    target.set(definition.name, merged);
    return;
  }
  target.set(definition.name, normalized);
}

function normalizeExtension(
  schema: SchemaDefinition,
  attributes: ExtensionAttributes,
  value: unknown,
  extensions: Map<string, Map<string, unknown>>,
  walk: Walk,
): void {
  if (value === null || value === undefined) return;
  if (!isPlainObject(value)) {
    walk.problems.push({
      path: schema.id,
      message: `expected an object, found ${describeValue(value)}`,
      mutability: false,
    });
    return;
  }
  const values = extensions.get(schema.id) ?? new Map<string, unknown>();
  for (const key of Object.keys(value)) {
    const definition = attributes.get(key.toLowerCase())?.definition;
    if (definition === undefined) {
      walk.onIgnored?.(`${schema.id}:${key}`, 'unknown attribute');
      continue;
    }
    putNormalized(values, definition, value[key], `${schema.id}:${definition.name}`, walk);
  }
  if (values.size > 0) extensions.set(schema.id, values);
}

/** `name.givenName` or `urn:…:User:employeeNumber` used as a key: set what it names. */
function putDotted(
  registry: SchemaRegistry,
  resourceType: string,
  key: string,
  value: unknown,
  base: Map<string, unknown>,
  extensions: Map<string, Map<string, unknown>>,
  walk: Walk,
): boolean {
  const resolved = registry.resolve(resourceType, key);
  if (resolved === undefined) return false;
  const target = resolved.extension
    ? (extensions.get(resolved.schema!) ??
      extensions.set(resolved.schema!, new Map<string, unknown>()).get(resolved.schema!)!)
    : base;
  if (resolved.subAttribute === undefined) {
    putNormalized(target, resolved.attribute, value, key, walk);
    return true;
  }
  if (resolved.attribute.multiValued) return false;
  const parent = target.get(resolved.attribute.name);
  const merged: Record<string, unknown> = isPlainObject(parent) ? { ...parent } : {};
  merged[resolved.subAttribute.name] = value;
  putNormalized(target, resolved.attribute, merged, resolved.attribute.name, walk);
  return true;
}

function normalize(definition: AttributeDefinition, value: unknown, path: string, walk: Walk): Normalized {
  if (value === null || value === undefined) return ABSENT;
  if (definition.mutability === 'readOnly' && walk.mode !== 'patch') {
    walk.onIgnored?.(path, 'readOnly');
    return ABSENT;
  }
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const output: unknown[] = [];
    let primaries = 0;
    for (let index = 0; index < items.length; index++) {
      const item = normalizeSingle(definition, items[index], `${path}[${index}]`, walk);
      if (item === ABSENT) continue;
      if (isPlainObject(item) && item.primary === true) primaries++;
      output.push(item);
    }
    if (primaries > 1) {
      walk.problems.push({
        path,
        message: `has ${primaries} values with "primary": true; at most one is allowed`,
        mutability: false,
      });
    }
    return output.length === 0 ? ABSENT : output;
  }
  if (Array.isArray(value)) {
    // Entra's legacy manager arrives as a one-element array for a single-valued attribute.
    if (value.length === 0) return ABSENT;
    if (value.length === 1) return normalizeSingle(definition, value[0], path, walk);
    walk.problems.push({
      path,
      message: `expected a single value, found an array of ${value.length}`,
      mutability: false,
    });
    return ABSENT;
  }
  return normalizeSingle(definition, value, path, walk);
}

function normalizeSingle(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  walk: Walk,
): Normalized {
  if (value === null || value === undefined) return ABSENT;
  if (definition.type !== 'complex') return normalizeLeaf(definition, value, path, walk);
  let object: Record<string, unknown>;
  if (isPlainObject(value)) {
    object = value;
  } else if (
    !Array.isArray(value) &&
    typeof value !== 'object' &&
    findSubAttribute(definition, 'value') !== undefined
  ) {
    // A bare value for a complex attribute (Entra's manager id) means its `value`.
    object = { value };
  } else {
    walk.problems.push({
      path,
      message: `expected an object, found ${describeValue(value)}`,
      mutability: false,
    });
    return ABSENT;
  }
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const sub = findSubAttribute(definition, key);
    if (sub === undefined) {
      walk.onIgnored?.(`${path}.${key}`, 'unknown attribute');
      continue;
    }
    const normalized = normalize(sub, object[key], `${path}.${sub.name}`, walk);
    if (normalized !== ABSENT) output[sub.name] = normalized;
  }
  // Emit sub-attributes in schema order so equal values compare equal.
  const ordered: Record<string, unknown> = {};
  for (const sub of definition.subAttributes ?? []) {
    if (sub.name in output) ordered[sub.name] = output[sub.name];
    else if (sub.required && walk.mode !== 'patch') {
      walk.problems.push({
        path: `${path}.${sub.name}`,
        message: 'is required but missing',
        mutability: false,
      });
    }
  }
  return Object.keys(ordered).length === 0 ? ABSENT : ordered;
}

function normalizeLeaf(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  walk: Walk,
): Normalized {
  if (definition.type === 'complex') return ABSENT;
  const result = checkLeaf(definition.type, value);
  if (!result.ok) {
    walk.problems.push({
      path,
      message: `expected ${result.expected}, found ${describeValue(value)}`,
      mutability: false,
    });
    return ABSENT;
  }
  if (typeof result.value === 'string' && result.value.length > walk.maxStringLength) {
    walk.problems.push({
      path,
      message: `is ${result.value.length} characters long; at most ${walk.maxStringLength} are accepted`,
      mutability: false,
    });
    return ABSENT;
  }
  return result.value;
}

function checkSchemas(value: unknown, walk: Walk): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    walk.problems.push({
      path: 'schemas',
      message: `expected an array of schema URIs, found ${describeValue(value)}`,
      mutability: false,
    });
  }
}

function checkImmutable(
  registry: SchemaRegistry,
  resourceType: string,
  existing: Record<string, unknown>,
  base: Map<string, unknown>,
  extensions: Map<string, Map<string, unknown>>,
  walk: Walk,
): void {
  const compare = (
    definition: AttributeDefinition,
    before: unknown,
    target: Map<string, unknown>,
    path: string,
  ) => {
    if (definition.mutability !== 'immutable' || before === undefined || before === null) return;
    const after = target.get(definition.name);
    // Omitting an immutable attribute from a PUT keeps it; changing it is refused.
    if (after === undefined) target.set(definition.name, before);
    else if (!deepEqual(before, after)) {
      walk.problems.push({
        path,
        message: 'is immutable and already set; it cannot be changed',
        mutability: true,
      });
    }
  };
  for (const definition of registry.coreSchema(resourceType).attributes) {
    compare(definition, existing[definition.name], base, definition.name);
  }
  for (const { schema } of registry.extensions(resourceType)) {
    const stored = existing[schema.id];
    if (!isPlainObject(stored)) continue;
    for (const definition of schema.attributes) {
      const values = extensions.get(schema.id) ?? new Map<string, unknown>();
      compare(definition, stored[definition.name], values, `${schema.id}:${definition.name}`);
      if (values.size > 0) extensions.set(schema.id, values);
    }
  }
}

function toError(resourceType: string | undefined, problems: Problem[]): ScimError {
  const listed = problems.slice(0, 20).map((problem) => `${problem.path}: ${problem.message}`);
  if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more`);
  const subject = resourceType === undefined ? 'The value' : `The ${resourceType}`;
  const detail = `${subject} is not valid: ${listed.join('; ')}.`;
  return problems.every((problem) => problem.mutability)
    ? ScimError.mutability(detail)
    : ScimError.invalidValue(detail);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function isDottedPath(key: string): boolean {
  return key.includes('.') || /^urn:/i.test(key);
}

/** A JSON object: not null, not an array. Only its own keys are ever read. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (
      !Object.hasOwn(b, key) ||
      !deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    ) {
      return false;
    }
  }
  return true;
}
