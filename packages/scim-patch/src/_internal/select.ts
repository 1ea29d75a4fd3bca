import { compileFilter, type Filter, type FilterPredicate } from '@scimkit/filter';
import type { AttributeDefinition } from '@scimkit/schema';
import type { PatchContext } from './context.ts';
import type { Target } from './target.ts';

/**
 * Indices of the elements of `list` that the target's value filter selects, decided by
 * `@scimkit/filter`'s evaluator (the reference semantics the SQL store also follows: the
 * schema's types and caseExact, Entra's "True"/"False"). Every element is selected when the
 * path has no filter (`emails.value`).
 */
export function selectElements(ctx: PatchContext, target: Target, list: readonly unknown[]): number[] {
  const selected: number[] = [];
  if (target.filter === undefined) {
    for (let index = 0; index < list.length; index++) selected.push(index);
    return selected;
  }
  const matches = predicate(ctx, target, target.filter);
  // The evaluator tests resources: hand it a resource holding just one element at a time.
  const name = target.attribute.name;
  const inner: Record<string, unknown> = {};
  const holder = target.urn === undefined ? inner : { [target.urn]: inner };
  for (let index = 0; index < list.length; index++) {
    inner[name] = list[index];
    if (matches(holder)) selected.push(index);
  }
  return selected;
}

// Compiled filters by attribute definition, then by parsed filter (both shared and immutable):
// a definition the registry replaces is a new key, so nothing stale is ever reused.
const compiled = new WeakMap<AttributeDefinition, WeakMap<Filter, FilterPredicate>>();

function predicate(ctx: PatchContext, target: Target, filter: Filter): FilterPredicate {
  let byFilter = compiled.get(target.attribute);
  if (byFilter === undefined) {
    byFilter = new WeakMap();
    compiled.set(target.attribute, byFilter);
  }
  let matches = byFilter.get(filter);
  if (matches === undefined) {
    matches = compileFilter(
      { type: 'valuePath', path: target.path, filter },
      { registry: ctx.registry, resourceType: ctx.resourceType },
    );
    byFilter.set(filter, matches);
  }
  return matches;
}
