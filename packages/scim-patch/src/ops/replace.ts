import type { PatchContext, Step } from '../_internal/context.ts';
import { isClear, valueError } from '../_internal/dialect.ts';
import { writeSelected } from '../_internal/multi-valued.ts';
import { commit, setSingleValued } from '../_internal/single-valued.ts';
import type { Target } from '../_internal/target.ts';
import { readElements } from '../_internal/values.ts';

/**
 * RFC 7644 §3.5.2.3 `replace` on one attribute: a single-valued attribute is set (a complex one
 * merged: unmentioned sub-attributes stay), a multi-valued one gets exactly the given values,
 * a value filter replaces the selected elements (or creates one, as Entra expects).
 * An attribute that does not exist yet is added.
 */
export function applyReplace(ctx: PatchContext, step: Step, target: Target): void {
  if (!step.hasValue) throw valueError(step, target.text, 'a "value" to replace with', undefined);
  if (!target.attribute.multiValued) {
    setSingleValued(ctx, step, target);
    return;
  }
  if (target.filter !== undefined || target.sub !== undefined) {
    writeSelected(ctx, step, target, 'replace');
    return;
  }
  const before = ctx.read(target);
  const values = isClear(step.value)
    ? []
    : readElements(ctx, step, target.attribute, step.value, target.name);
  commit(ctx, step, target, before, values.length === 0 ? undefined : values);
}
