import { type AttributeDefinition, deepEqual, findSubAttribute, isPlainObject } from '@scimkit/schema';
import type { PatchContext } from './context.ts';
import { readKey, subAttributeNames } from './values.ts';

/**
 * The attribute paths whose value differs after the PATCH, in the order operations first
 * wrote them. Compared at the end, so an operation that wrote what was there (or a later one
 * that undid it) is no change. Single-valued complex attributes are listed per sub-attribute.
 */
const EMPTY: Record<string, unknown> = {};

export function changedPaths(ctx: PatchContext): string[] {
  const changed: string[] = [];
  for (const { slot, before } of ctx.draft.touched) {
    const after = ctx.draft.read(slot);
    if (before === after) continue;
    const attribute = slot.attribute;
    if (attribute.type !== 'complex' || attribute.multiValued) {
      if (!deepEqual(before, after)) changed.push(slot.name);
      continue;
    }
    const was = isPlainObject(before) ? before : EMPTY;
    const is = isPlainObject(after) ? after : EMPTY;
    addChangedSubAttributes(changed, slot.name, attribute, was, is);
  }
  return changed;
}

function addChangedSubAttributes(
  changed: string[],
  name: string,
  attribute: AttributeDefinition,
  was: Record<string, unknown>,
  is: Record<string, unknown>,
): void {
  const names = subAttributeNames(attribute);
  if (onlyCanonical(was, names) && onlyCanonical(is, names)) {
    for (const sub of names) if (!deepEqual(was[sub], is[sub])) changed.push(`${name}.${sub}`);
    return;
  }
  for (const sub of names) {
    if (!deepEqual(readKey(was, sub), readKey(is, sub))) changed.push(`${name}.${sub}`);
  }
  // Members the schema does not define are compared as they are stored.
  for (const object of [was, is]) {
    for (const key of Object.keys(object)) {
      if (names.has(key) || findSubAttribute(attribute, key) !== undefined) continue;
      const path = `${name}.${key}`;
      if (!deepEqual(was[key], is[key]) && !changed.includes(path)) changed.push(path);
    }
  }
}

function onlyCanonical(object: Record<string, unknown>, names: Set<string>): boolean {
  for (const key in object) if (!names.has(key)) return false;
  return true;
}
