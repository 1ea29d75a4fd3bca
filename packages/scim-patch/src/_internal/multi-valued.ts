import type { Filter } from '@scimkit/filter';
import { deepEqual, findSubAttribute, isPlainObject } from '@scimkit/schema';
import type { PatchContext, Step } from './context.ts';
import { isClear } from './dialect.ts';
import { operationError, quote } from './errors.ts';
import { checkElement } from './mutability.ts';
import { selectElements } from './select.ts';
import { commit } from './single-valued.ts';
import { subPath, type Target } from './target.ts';
import { CLEAR, elementDefinition, mergeSubValues, readSubValues, type SubValues } from './values.ts';

/** The current elements of a multi-valued attribute (a stray single value counts as one). */
export function currentElements(ctx: PatchContext, target: Target): unknown[] {
  const value = ctx.read(target);
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/**
 * `add` or `replace` on elements selected by a value filter, or on a sub-attribute of them
 * (RFC 7644 §3.5.2.1, §3.5.2.3): `add` merges into each selected element, `replace` replaces
 * it; with a sub-attribute both set it on every selected element. When nothing matches, the
 * element is created from the filter's `eq` comparisons (Entra sends
 * `emails[type eq "work"].value` for a user without a work email and expects
 * `{ type: "work", value }`); a filter that cannot describe an element is a 400 `noTarget`.
 */
export function writeSelected(ctx: PatchContext, step: Step, target: Target, mode: 'add' | 'replace'): void {
  const list = currentElements(ctx, target);
  const element = elementDefinition(target.attribute);
  let values: SubValues;
  if (target.sub === undefined) {
    if (isClear(step.value)) {
      removeSelected(ctx, step, target);
      return;
    }
    values = readSubValues(ctx, step, element, step.value, target.name);
  } else {
    const value = isClear(step.value)
      ? CLEAR
      : (ctx.normalize(target.sub, step.value, subPath(target, target.sub)) ?? CLEAR);
    values = new Map([[target.sub.name, value]]);
  }
  const selected = selectElements(ctx, target, list);
  if (selected.length === 0) {
    const created = createElement(ctx, step, target, values);
    if (created === undefined) return;
    const next = [...list, created];
    commitList(
      ctx,
      step,
      target,
      list,
      created.primary === true ? enforcePrimary(step, target, next, [list.length]) : next,
    );
    return;
  }
  const next: (unknown | undefined)[] = list.slice();
  // A replaced element keeps what the filter pinned (its `type`), so it is still the element
  // the path names and replacing twice is replacing once.
  const replaceWhole = mode === 'replace' && target.sub === undefined;
  const base = replaceWhole
    ? mergeSubValues(element, undefined, filterPins(ctx, target, target.filter) ?? new Map())
    : undefined;
  for (const index of selected) {
    const updated = mergeSubValues(element, replaceWhole ? base : list[index], values);
    checkElement(step, element, target.name, list[index], updated);
    next[index] = updated;
  }
  // Only an operation that sets "primary" to true can make another value lose it.
  const primary = values.get('primary') === true ? enforcePrimary(step, target, next, selected) : next;
  commitList(ctx, step, target, list, compact(primary));
}

/** `remove` of the elements a value filter selects, or of a sub-attribute of them (§3.5.2.2). */
export function removeSelected(ctx: PatchContext, step: Step, target: Target): void {
  const list = currentElements(ctx, target);
  const selected = selectElements(ctx, target, list);
  if (selected.length === 0) {
    if (target.filter !== undefined && namesUnknown(target, target.filter)) {
      ctx.ignore(step.index, target.text, 'unknown attribute');
    }
    return;
  }
  const next: (unknown | undefined)[] = list.slice();
  const element = elementDefinition(target.attribute);
  for (const index of selected) {
    if (target.sub === undefined) {
      next[index] = undefined;
      continue;
    }
    const updated = mergeSubValues(element, list[index], new Map([[target.sub.name, CLEAR]]));
    checkElement(step, element, target.name, list[index], updated);
    next[index] = updated;
  }
  commitList(ctx, step, target, list, compact(next));
}

/** Writes a new element list; an empty list leaves the attribute unassigned (§3.5.2.2). */
export function commitList(
  ctx: PatchContext,
  step: Step,
  target: Target,
  before: readonly unknown[],
  after: readonly unknown[],
): void {
  if (before.length === after.length && after.every((item, index) => item === before[index])) return;
  commit(ctx, step, target, ctx.read(target), after.length === 0 ? undefined : after);
}

/**
 * RFC 7644 §3.5.2: setting one value's `primary` to true sets it to false on every other
 * value. `written` are the indices of the elements this operation wrote.
 */
export function enforcePrimary(
  step: Step,
  target: Target,
  list: (unknown | undefined)[],
  written: readonly number[],
): (unknown | undefined)[] {
  if (findSubAttribute(target.attribute, 'primary') === undefined) return list;
  const chosen = written.filter((index) => isPrimary(list[index]));
  if (chosen.length === 0) return list;
  if (chosen.length > 1) {
    throw operationError(step.index, 'invalidValue', {
      failed: `The operation would make ${chosen.length} values of ${quote(target.name)} primary`,
      expected: 'at most one value with "primary": true',
    });
  }
  let output = list;
  for (let index = 0; index < list.length; index++) {
    if (index === chosen[0] || !isPrimary(list[index])) continue;
    if (output === list) output = list.slice();
    output[index] = { ...(list[index] as Record<string, unknown>), primary: false };
  }
  return output;
}

function isPrimary(value: unknown): boolean {
  return isPlainObject(value) && value.primary === true;
}

function compact(list: (unknown | undefined)[]): unknown[] {
  return list.includes(undefined) ? list.filter((item) => item !== undefined) : list;
}

/** The element an `add`/`replace` with an unmatched filter creates, or `undefined` if empty. */
function createElement(
  ctx: PatchContext,
  step: Step,
  target: Target,
  values: SubValues,
): Record<string, unknown> | undefined {
  const element = elementDefinition(target.attribute);
  const pins = filterPins(ctx, target, target.filter);
  if (pins === undefined && target.filter !== undefined && namesUnknown(target, target.filter)) {
    // A filter on a sub-attribute we don't store selects nothing; like any unknown attribute,
    // it is ignored rather than failing the request.
    ctx.ignore(step.index, target.text, 'unknown attribute');
    return undefined;
  }
  if (pins === undefined) {
    throw operationError(step.index, 'noTarget', {
      failed: `The filter of ${quote(target.text)} selects no value of ${quote(target.name)}, and a value cannot be created from it`,
      expected:
        'a filter of "eq" comparisons joined by "and" to create the value, e.g. emails[type eq "work"]',
    });
  }
  for (const [name, value] of values) pins.set(name, value);
  return mergeSubValues(element, undefined, pins);
}

/** The sub-attribute values a filter of `eq` comparisons joined by `and` pins down. */
function filterPins(
  ctx: PatchContext,
  target: Target,
  filter: Filter | undefined,
): Map<string, unknown> | undefined {
  if (filter === undefined) return new Map();
  const pins = new Map<string, unknown>();
  const pending: Filter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'and') {
      pending.push(node.left, node.right);
      continue;
    }
    if (node.type !== 'comparison' || node.operator !== 'eq' || node.value === null) return undefined;
    if (node.path.subAttribute !== undefined || node.path.schema !== undefined) return undefined;
    const sub = findSubAttribute(target.attribute, node.path.attribute);
    if (sub === undefined) return undefined;
    let value: unknown;
    try {
      value = ctx.normalize(sub, node.value, subPath(target, sub));
    } catch {
      return undefined;
    }
    if (value === undefined || (pins.has(sub.name) && !deepEqual(pins.get(sub.name), value)))
      return undefined;
    pins.set(sub.name, value);
  }
  return pins;
}

/** Whether a value filter compares a sub-attribute the schema does not define. */
function namesUnknown(target: Target, filter: Filter): boolean {
  const pending: Filter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case 'and':
      case 'or':
        pending.push(node.left, node.right);
        break;
      case 'not':
        pending.push(node.filter);
        break;
      case 'valuePath':
        return true;
      default:
        if (findSubAttribute(target.attribute, node.path.attribute) === undefined) return true;
    }
  }
  return false;
}
