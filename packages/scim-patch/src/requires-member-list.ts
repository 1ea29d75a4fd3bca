import { isPlainObject, URN } from '@scimkit/schema';
import type { Step } from './_internal/context.ts';
import { readOperation } from './_internal/dialect.ts';
import { idsOfFilter } from './_internal/membership.ts';
import { parsePatchPath } from './_internal/paths.ts';

/**
 * Whether applying these operations to a Group with `membersLoaded: false` will need its member
 * list (and so call `loadMembers`): true only for operations on `members` that do not name
 * members by id, such as `members[type eq "Group"]` or `members[value eq "u1"].display`. A store
 * that loads members asynchronously calls this first and passes the list when it says so.
 * Entra's membership operations never need it.
 */
export function requiresMemberList(operations: readonly unknown[]): boolean {
  for (let index = 0; index < operations.length; index++) {
    let step: Step;
    try {
      step = readOperation(operations[index], index);
    } catch {
      // applyPatch will reject it before any member list is needed.
      continue;
    }
    if (step.path !== undefined) {
      if (needsList(step.path, step)) return true;
    } else if (isPlainObject(step.value)) {
      for (const key of Object.keys(step.value)) if (needsList(key, step)) return true;
    }
  }
  return false;
}

function needsList(text: string, step: Step): boolean {
  let parsed: ReturnType<typeof parsePatchPath>;
  try {
    parsed = parsePatchPath(text);
  } catch {
    return false;
  }
  const { path, filter } = parsed;
  if (path.attribute.toLowerCase() !== 'members') return false;
  if (path.schema !== undefined && path.schema.toLowerCase() !== URN.Group.toLowerCase()) return false;
  if ((path.subAttribute ?? parsed.subAttribute) !== undefined) return true;
  if (filter === undefined) return false;
  return step.op !== 'remove' || idsOfFilter(filter) === undefined;
}
