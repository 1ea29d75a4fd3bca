import { type AttributeDefinition, deepEqual, isPlainObject } from '@scimkit/schema';
import type { PatchContext, Step } from './context.ts';
import { isClear, isManager, managerValue, valueError } from './dialect.ts';
import { checkAttribute, checkChange } from './mutability.ts';
import { subPath, type Target } from './target.ts';
import { CLEAR, mergeSubValues, readKey, readSubValues } from './values.ts';

/**
 * `add` and `replace` of a single-valued attribute, or of a sub-attribute of a single-valued
 * complex one (RFC 7644 §3.5.2.1, §3.5.2.3): the two operations mean the same here. A complex
 * value is merged into the current one; `null` and `""` clear.
 */
export function setSingleValued(ctx: PatchContext, step: Step, target: Target): void {
  const attribute = target.attribute;
  const before = ctx.read(target);
  let after: unknown;
  if (target.sub !== undefined) {
    const value = isClear(step.value)
      ? CLEAR
      : (ctx.normalize(target.sub, step.value, subPath(target, target.sub)) ?? CLEAR);
    after = mergeSubValues(attribute, before, new Map([[target.sub.name, value]]));
    checkSub(step, target, target.sub, before, after);
  } else if (attribute.type === 'complex') {
    if (isClear(step.value)) {
      after = undefined;
    } else {
      const values = readSubValues(ctx, step, attribute, step.value, target.name);
      if (isManager(target)) {
        // The manager is a link by id: a new id keeps nothing of the previous manager, and
        // without an id there is nothing to link (its other sub-attributes are derived).
        if (values.size > 0 && !values.has('value')) {
          throw valueError(
            step,
            target.name,
            'the manager\'s id, as a string or {"value":"<id>"}',
            step.value,
          );
        }
        after = mergeSubValues(attribute, undefined, values);
      } else {
        after = mergeSubValues(attribute, before, values);
      }
    }
  } else {
    after = isClear(step.value) ? undefined : ctx.normalize(attribute, step.value, target.name);
  }
  commit(ctx, step, target, before, isManager(target) ? managerValue(after) : after);
}

/** Removes a single-valued attribute, or one sub-attribute of a single-valued complex one. */
export function removeSingleValued(ctx: PatchContext, step: Step, target: Target): void {
  const before = ctx.read(target);
  let after: unknown;
  if (target.sub !== undefined) {
    after = isPlainObject(before)
      ? mergeSubValues(target.attribute, before, new Map([[target.sub.name, CLEAR]]))
      : undefined;
    if (isManager(target)) after = managerValue(after);
    checkSub(step, target, target.sub, before, after);
  }
  commit(ctx, step, target, before, after);
}

/** A sub-attribute the path names is checked even where a rebuilt value would drop it. */
function checkSub(
  step: Step,
  target: Target,
  sub: AttributeDefinition,
  before: unknown,
  after: unknown,
): void {
  const was = isPlainObject(before) ? readKey(before, sub.name) : undefined;
  const is = isPlainObject(after) ? readKey(after, sub.name) : undefined;
  checkAttribute(step, sub, subPath(target, sub), was, is);
}

/** Writes a target's new value after the schema's mutability rules allowed it. */
export function commit(ctx: PatchContext, step: Step, target: Target, before: unknown, after: unknown): void {
  // Writing what is there is no change, and so never a mutability violation.
  if (before === after || deepEqual(before, after)) return;
  checkChange(step, target.attribute, target.name, before, after);
  ctx.write(target, after);
}
