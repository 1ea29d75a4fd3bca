import type { Filter } from '@scimkit/filter';
import { type AttributeDefinition, findSubAttribute, isPlainObject, ScimError } from '@scimkit/schema';
import type { MembershipDelta } from '../types.ts';
import type { PatchContext, Step } from './context.ts';
import { hasValueList, isClear } from './dialect.ts';
import { operationError } from './errors.ts';
import { commit } from './single-valued.ts';
import type { Target } from './target.ts';
import { readElements } from './values.ts';

/**
 * A Group's membership change, kept as a delta so that it never needs the member list
 * (ENTRA.md: a 1-member change to a 100k-member group costs what it costs in an empty one).
 */
export class Membership {
  readonly attribute: AttributeDefinition;
  readonly loaded: boolean;
  /** With `membersLoaded: false`: the member list once `loadMembers` was needed. */
  list: unknown[] | undefined;
  #removeAll = false;
  /** Joining ids with the member as sent, to rebuild the list if it is loaded later. */
  readonly #add = new Map<string, unknown>();
  readonly #remove = new Set<string>();

  constructor(attribute: AttributeDefinition, loaded: boolean) {
    this.attribute = attribute;
    this.loaded = loaded;
  }

  join(id: string, member: unknown = { value: id }): void {
    this.#remove.delete(id);
    this.#add.delete(id);
    this.#add.set(id, member);
  }

  leave(id: string): void {
    this.#add.delete(id);
    // After "everyone leaves", leaving again says nothing new.
    if (!this.#removeAll) this.#remove.add(id);
  }

  clear(): void {
    this.#removeAll = true;
    this.#add.clear();
    this.#remove.clear();
  }

  get delta(): MembershipDelta {
    return { removeAll: this.#removeAll, remove: [...this.#remove], add: [...this.#add.keys()] };
  }

  /** The target through which the member list can be read and written, if it is known. */
  listTarget(target: Target): Target | undefined {
    if (this.loaded) return target;
    return this.list === undefined ? undefined : { ...target, detached: true };
  }

  /** Loads the member list through `options.loadMembers`, with the delta so far applied. */
  materialize(ctx: PatchContext, step: Step): void {
    if (this.loaded || this.list !== undefined) return;
    const load = ctx.options.loadMembers;
    if (load === undefined) {
      throw ScimError.internal(
        `Operations[${step.index}]: this operation on members needs the group's member list, which was not loaded: pass options.loadMembers to applyPatch, or the members with membersLoaded left true.`,
      );
    }
    const stored = this.#removeAll
      ? []
      : load().filter((member) => !this.#remove.has(memberId(member) ?? ''));
    const present = new Set(stored.map(memberId));
    for (const [id, member] of this.#add) if (!present.has(id)) stored.push(member);
    this.list = stored;
  }
}

/** The member id of a list element. */
export function memberId(member: unknown): string | undefined {
  return isPlainObject(member) && typeof member.value === 'string' ? member.value : undefined;
}

/** Whether this target is the Group's `members`. */
export function isMembersTarget(ctx: PatchContext, target: Target): boolean {
  return (
    ctx.membership !== undefined && target.urn === undefined && target.attribute === ctx.membership.attribute
  );
}

/** The membership of a resource type whose core schema has `members` (Group). */
export function membershipFor(ctx: PatchContext): Membership | undefined {
  const attribute = ctx.core.attributes.find((item) => item.name === 'members');
  if (
    attribute === undefined ||
    !attribute.multiValued ||
    findSubAttribute(attribute, 'value') === undefined
  ) {
    return undefined;
  }
  return new Membership(attribute, ctx.options.membersLoaded !== false);
}

/**
 * Applies an operation on `members` as a delta. Adding, replacing and removing members by id
 * (a value list, or `members[value eq "…"]`) never reads the member list; anything else
 * (another filter, a sub-attribute of members) runs as a normal operation on the list, loaded
 * if needed, and its effect on member ids becomes the delta.
 */
export function applyToMembers(
  ctx: PatchContext,
  step: Step,
  target: Target,
  run: (target: Target) => void,
): void {
  const membership = ctx.membership!;
  const byId = memberIdsOf(ctx, step, target);
  if (byId !== undefined) {
    const { kind, ids, elements } = byId;
    if (kind === 'replace') membership.clear();
    for (let index = 0; index < ids.length; index++) {
      if (kind === 'remove') membership.leave(ids[index]!);
      else membership.join(ids[index]!, elements[index]);
    }
    const listTarget = membership.listTarget(target);
    if (listTarget === undefined) return;
    const before = ctx.read(listTarget);
    const list = Array.isArray(before) ? before : [];
    let next: unknown[];
    if (kind === 'replace') {
      next = [];
      const seen = new Set<string>();
      for (const element of elements) {
        const id = memberId(element)!;
        if (!seen.has(id)) next.push(element);
        seen.add(id);
      }
    } else if (kind === 'remove') {
      const leaving = new Set(ids);
      next = list.filter((member) => !leaving.has(memberId(member) ?? ''));
      if (next.length === list.length) return;
    } else {
      const present = new Set(list.map(memberId));
      const joining = elements.filter((element) => {
        const id = memberId(element)!;
        if (present.has(id)) return false;
        present.add(id);
        return true;
      });
      if (joining.length === 0) return;
      next = [...list, ...joining];
    }
    commit(ctx, step, listTarget, before, next.length === 0 ? undefined : next);
    return;
  }
  membership.materialize(ctx, step);
  const listTarget = membership.listTarget(target)!;
  const before = idsOf(ctx.read(listTarget));
  run(listTarget);
  const after = idsOf(ctx.read(listTarget));
  for (const id of before.keys()) if (!after.has(id)) membership.leave(id);
  for (const [id, member] of after) if (!before.has(id)) membership.join(id, member);
}

interface ById {
  kind: 'add' | 'remove' | 'replace';
  ids: string[];
  /** The checked member elements of an `add` or `replace`. */
  elements: unknown[];
}

/** The member ids an operation adds, removes or replaces the list with, when it says so by id. */
function memberIdsOf(ctx: PatchContext, step: Step, target: Target): ById | undefined {
  if (target.sub !== undefined) return undefined;
  if (target.filter !== undefined) {
    if (step.op !== 'remove') return undefined;
    const ids = idsOfFilter(target.filter);
    return ids === undefined ? undefined : { kind: 'remove', ids, elements: [] };
  }
  if (step.op === 'remove') {
    if (!hasValueList(step)) return { kind: 'replace', ids: [], elements: [] };
    const listed = readMembers(ctx, step, target);
    return { kind: 'remove', ids: listed.map((member) => memberId(member)!), elements: [] };
  }
  if (!step.hasValue) return undefined;
  // "null clears": add or replace of members with null leaves the group empty.
  const elements = isClear(step.value) ? [] : readMembers(ctx, step, target);
  const ids = elements.map((member) => memberId(member)!);
  if (step.op === 'replace' || isClear(step.value)) return { kind: 'replace', ids, elements };
  return { kind: 'add', ids, elements };
}

function readMembers(ctx: PatchContext, step: Step, target: Target): unknown[] {
  const elements = readElements(ctx, step, target.attribute, step.value, target.name);
  for (let index = 0; index < elements.length; index++) {
    if (memberId(elements[index]) === undefined) {
      throw operationError(step.index, 'invalidValue', {
        failed: `The member at ${target.name}[${index}] is not valid`,
        expected: 'a "value" holding the member\'s id, e.g. {"value":"2819c223-7f76-453a-919d-413861904646"}',
      });
    }
  }
  return elements;
}

/** The ids of `value eq "id"` (or an `or` of those): the member filter Entra sends. */
export function idsOfFilter(filter: Filter): string[] | undefined {
  const ids: string[] = [];
  const pending: Filter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'or') {
      pending.push(node.right, node.left);
      continue;
    }
    if (
      node.type !== 'comparison' ||
      node.operator !== 'eq' ||
      typeof node.value !== 'string' ||
      node.path.schema !== undefined ||
      node.path.subAttribute !== undefined ||
      node.path.attribute.toLowerCase() !== 'value'
    ) {
      return undefined;
    }
    ids.push(node.value);
  }
  return ids;
}

function idsOf(list: unknown): Map<string, unknown> {
  const ids = new Map<string, unknown>();
  if (!Array.isArray(list)) return ids;
  for (const member of list) {
    const id = memberId(member);
    if (id !== undefined) ids.set(id, member);
  }
  return ids;
}
