import { type AttributeDefinition, findSubAttribute, isPlainObject } from '@scimkit/schema';
import type { PatchContext, Step } from './context.ts';
import { isClear, valueError } from './dialect.ts';
import { findKey } from './draft.ts';

/** A sub-attribute the operation clears (`null` or `""`). */
export const CLEAR: unique symbol = Symbol('clear');

/** Sub-attribute values an operation sets (canonical name → value, or `CLEAR`). */
export type SubValues = Map<string, unknown>;

const elementDefinitions = new WeakMap<AttributeDefinition, AttributeDefinition>();

/** The definition of one element of a multi-valued attribute. */
export function elementDefinition(attribute: AttributeDefinition): AttributeDefinition {
  let element = elementDefinitions.get(attribute);
  if (element === undefined) {
    element = { ...attribute, multiValued: false };
    elementDefinitions.set(attribute, element);
  }
  return element;
}

/**
 * Reads the value of an operation on a complex attribute (or on one element of a multi-valued
 * one) as sub-attribute values. Accepts a bare value for a complex attribute that has a `value`
 * sub-attribute (Entra's manager id) and Entra's legacy one-element array; sub-attributes the
 * schema does not know are ignored and reported.
 */
export function readSubValues(
  ctx: PatchContext,
  step: Step,
  attribute: AttributeDefinition,
  value: unknown,
  path: string,
): SubValues {
  let object = value;
  if (Array.isArray(object)) {
    if (object.length > 1) throw valueError(step, path, 'a single value', value);
    object = object[0];
  }
  const values: SubValues = new Map();
  if (object === undefined) return values;
  if (isClear(object)) {
    // A legacy `[null]` or `[""]`: every sub-attribute goes.
    for (const sub of attribute.subAttributes ?? []) values.set(sub.name, CLEAR);
    return values;
  }
  if (!isPlainObject(object)) {
    if (typeof object !== 'object' && findSubAttribute(attribute, 'value') !== undefined) {
      object = { value: object };
    } else {
      throw valueError(step, path, `an object with the sub-attributes of ${attribute.name}`, value);
    }
  }
  const record = object as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const sub = findSubAttribute(attribute, key);
    if (sub === undefined) {
      ctx.ignore(step.index, `${path}.${key}`, 'unknown attribute');
      continue;
    }
    const raw = record[key];
    const normalized = isClear(raw) ? undefined : ctx.normalize(sub, raw, `${path}.${sub.name}`);
    values.set(sub.name, normalized === undefined ? CLEAR : normalized);
  }
  return values;
}

/**
 * Applies sub-attribute values to a complex value and returns the result (a new object;
 * `undefined` when no sub-attribute is left). Sub-attributes not mentioned are kept (RFC 7644
 * §3.5.2.3: "Sub-attributes that are not specified in the value parameter are left unchanged").
 */
export function mergeSubValues(
  attribute: AttributeDefinition,
  current: unknown,
  values: SubValues,
): Record<string, unknown> | undefined {
  const base: Record<string, unknown> | undefined = isPlainObject(current) ? current : undefined;
  if (values.size === 0) return base;
  if (values.size === 1 && base !== undefined) {
    // The common case, one sub-attribute of an existing value: copy, then set or delete it.
    const [name, next] = values.entries().next().value as [string, unknown];
    if (next !== CLEAR && Object.hasOwn(base, name)) return { ...base, [name]: next };
  }
  const subs = attribute.subAttributes ?? [];
  const merged: Record<string, unknown> = {};
  let size = 0;
  for (let index = 0; index < subs.length; index++) {
    const name = subs[index]!.name;
    const next = values.has(name) ? values.get(name) : base?.[name];
    if (next !== undefined && next !== null && next !== CLEAR) {
      merged[name] = next;
      size++;
    }
  }
  if (base !== undefined) {
    const canonical = subAttributeNames(attribute);
    for (const key of Object.keys(base)) {
      if (canonical.has(key)) continue;
      const sub = findSubAttribute(attribute, key);
      if (sub === undefined) {
        // Keep what the schema does not define: stored data is not ours to drop.
        merged[key] = base[key];
        size++;
      } else if (!values.has(sub.name) && !Object.hasOwn(merged, sub.name)) {
        merged[sub.name] = base[key];
        size++;
      }
    }
  }
  return size === 0 ? undefined : merged;
}

const subAttributeNameSets = new WeakMap<AttributeDefinition, Set<string>>();

/** The canonical names of a complex attribute's sub-attributes. */
export function subAttributeNames(attribute: AttributeDefinition): Set<string> {
  let names = subAttributeNameSets.get(attribute);
  if (names === undefined) {
    names = new Set((attribute.subAttributes ?? []).map((sub) => sub.name));
    subAttributeNameSets.set(attribute, names);
  }
  return names;
}

/**
 * Reads the value of an operation on a whole multi-valued attribute as a list of checked
 * elements: a single element is accepted for a list, `""` sub-attributes are dropped, unknown
 * sub-attributes reported, equal elements sent twice kept once.
 */
export function readElements(
  ctx: PatchContext,
  step: Step,
  attribute: AttributeDefinition,
  value: unknown,
  path: string,
): unknown[] {
  const items = Array.isArray(value) ? value : [value];
  let cleaned: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const clean = isClear(item) ? undefined : cleanElement(ctx, step, attribute, item, path);
    if (clean !== item && cleaned === undefined) cleaned = items.slice(0, index);
    if (cleaned !== undefined && clean !== undefined) cleaned.push(clean);
  }
  const normalized = ctx.normalize(attribute, cleaned ?? items, path);
  return Array.isArray(normalized) ? normalized : [];
}

/** An element without `""` sub-attributes and without (reported) unknown ones; the item itself if clean. */
function cleanElement(
  ctx: PatchContext,
  step: Step,
  attribute: AttributeDefinition,
  item: unknown,
  path: string,
): unknown {
  if (attribute.type !== 'complex' || !isPlainObject(item)) return item;
  const names = subAttributeNames(attribute);
  let dirty = false;
  for (const key of Object.keys(item)) {
    if (item[key] === '' || (!names.has(key) && findSubAttribute(attribute, key) === undefined)) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return item;
  const element: Record<string, unknown> = {};
  for (const key of Object.keys(item)) {
    if (findSubAttribute(attribute, key) === undefined) {
      ctx.ignore(step.index, `${path}.${key}`, 'unknown attribute');
      continue;
    }
    if (item[key] !== '') element[key] = item[key];
  }
  return element;
}

/** A member of an object, its name matched case-insensitively. */
export function readKey(object: Record<string, unknown>, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}
