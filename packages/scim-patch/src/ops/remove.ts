import { deepEqual, isPlainObject } from '@scimkit/schema';
import type { PatchContext, Step } from '../_internal/context.ts';
import { hasValueList } from '../_internal/dialect.ts';
import { commitList, currentElements, removeSelected } from '../_internal/multi-valued.ts';
import { commit, removeSingleValued } from '../_internal/single-valued.ts';
import type { Target } from '../_internal/target.ts';
import { readElements } from '../_internal/values.ts';

/**
 * RFC 7644 §3.5.2.2 `remove` on one attribute: the attribute, a sub-attribute, or the elements
 * a value filter selects (no match is a success without change). With a value, only the listed
 * values of a multi-valued attribute go, which is how Entra removes group members
 * (`{"op":"Remove","path":"members","value":[{"value":"u1"}]}`); a `value` on a
 * single-valued attribute is ignored.
 */
export function applyRemove(ctx: PatchContext, step: Step, target: Target): void {
  if (!target.attribute.multiValued) {
    removeSingleValued(ctx, step, target);
    return;
  }
  if (target.filter !== undefined || target.sub !== undefined) {
    removeSelected(ctx, step, target);
    return;
  }
  if (hasValueList(step)) {
    removeListed(ctx, step, target);
    return;
  }
  commit(ctx, step, target, ctx.read(target), undefined);
}

function removeListed(ctx: PatchContext, step: Step, target: Target): void {
  const list = currentElements(ctx, target);
  const listed = readElements(ctx, step, target.attribute, step.value, target.name);
  if (listed.length === 0 || list.length === 0) return;
  const next = list.filter((element) => !listed.some((item) => covers(item, element)));
  commitList(ctx, step, target, list, next);
}

/** A listed value names an element when every sub-attribute it gives is equal. */
function covers(item: unknown, element: unknown): boolean {
  if (!isPlainObject(item) || !isPlainObject(element)) return deepEqual(item, element);
  for (const key of Object.keys(item)) if (!deepEqual(item[key], element[key])) return false;
  return true;
}
