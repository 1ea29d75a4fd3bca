import { deepEqual } from '@scimkit/schema';
import type { PatchContext, Step } from '../_internal/context.ts';
import { isClear, valueError } from '../_internal/dialect.ts';
import { commitList, currentElements, enforcePrimary, writeSelected } from '../_internal/multi-valued.ts';
import { commit, setSingleValued } from '../_internal/single-valued.ts';
import type { Target } from '../_internal/target.ts';
import { readElements } from '../_internal/values.ts';

/**
 * RFC 7644 §3.5.2.1 `add` on one attribute: a single-valued attribute is set (a complex one
 * merged), a multi-valued one gains the values it does not already hold, a value filter adds
 * to (or creates) the selected elements. `null` and `""` clear, as Entra expects.
 */
export function applyAdd(ctx: PatchContext, step: Step, target: Target): void {
  if (!step.hasValue) throw valueError(step, target.text, 'a "value" to add', undefined);
  if (!target.attribute.multiValued) {
    setSingleValued(ctx, step, target);
    return;
  }
  if (target.filter !== undefined || target.sub !== undefined) {
    writeSelected(ctx, step, target, 'add');
    return;
  }
  const list = currentElements(ctx, target);
  if (isClear(step.value)) {
    commit(ctx, step, target, ctx.read(target), undefined);
    return;
  }
  const incoming = readElements(ctx, step, target.attribute, step.value, target.name);
  // "If the target location already contains the value specified, no changes SHOULD be made."
  const added = incoming.filter((item) => !list.some((existing) => deepEqual(existing, item)));
  if (added.length === 0) return;
  const next = [...list, ...added];
  const written = added.map((_, offset) => list.length + offset);
  commitList(ctx, step, target, list, enforcePrimary(step, target, next, written));
}
