import type { SchemaDefinition } from '@scimkit/schema';

/** Options of {@link applyPatch}. */
export interface ApplyPatchOptions {
  /**
   * The resource type (`User`, `Group`, …). Default: what `registry.resourceTypeOf(resource)`
   * finds from `meta.resourceType` or the core schema URN in `schemas`.
   */
  resourceType?: string;
  /**
   * Whether `resource.members` holds the complete member list. Default `true`.
   *
   * A store that keeps group members in their own table passes `false` and a resource without
   * `members`: member operations are then turned into {@link PatchResult.members} without reading
   * or copying any member list, so a one-member change costs the same in a 100k-member group
   * as in an empty one. `resource.members` is then neither read nor written.
   */
  membersLoaded?: boolean;
  /**
   * With `membersLoaded: false`, called (synchronously, at most once) when an operation can only
   * be applied against the member list: a filter other than `value eq "…"` (or an `or` of those),
   * or a change to a sub-attribute of selected members. Return the stored members. Without it,
   * such an operation fails with a 500 that names this option. {@link requiresMemberList} tells
   * in advance whether a PATCH will need the list (for stores that can only load it asynchronously).
   */
  loadMembers?: () => readonly unknown[];
  /**
   * What to type-check after the operations ran. `changed` (default): every value an operation
   * writes is checked and coerced by the schema (the rules of `validateResource`), so untouched
   * attributes that were stored before a schema change never fail a PATCH that does not touch
   * them. `resource`: additionally run `validateResource(…, { mode: 'patch' })` over the whole
   * patched resource and return its normalised output.
   */
  validate?: 'changed' | 'resource';
  /**
   * Keep attributes of an extension schema the registry does not know
   * (`urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>`, which Entra sends without
   * declaring): infer a single-valued simple attribute from the value and register it in the
   * registry (the only way `applyPatch` changes anything outside its result). Default `false`:
   * such attributes are ignored and reported in {@link PatchResult.ignored}.
   */
  registerUnknownExtensions?: boolean;
  /** Called with every extension schema `registerUnknownExtensions` registered or extended. */
  onRegisteredExtension?: (schema: SchemaDefinition) => void;
  /** Longest string value accepted, in UTF-16 code units. Default: `@scimkit/schema`'s 65,536. */
  maxStringLength?: number;
}

/**
 * How a Group's membership changes, independent of the current member list. A store applies it
 * in this order: if `removeAll`, delete every member; delete the ids in `remove`; insert the ids in
 * `add` (ignoring ids that are already members). `add` and `remove` never share an id.
 */
export interface MembershipDelta {
  /** Every current member leaves (remove of `members` without a value, or replace of `members`). */
  removeAll: boolean;
  /** Member ids that leave. */
  remove: string[];
  /** Member ids that join; adding a current member is a no-op. */
  add: string[];
}

/** Why an operation (or a key of a path-less value) was ignored. */
export type IgnoredReason = 'unknown attribute' | 'unknown schema' | 'managed by the server';

/** An attribute the PATCH named and the engine skipped instead of failing the request. */
export interface IgnoredAttribute {
  /** Index of the operation in `Operations`. */
  operation: number;
  /** The path (or path-less value key) as the client wrote it. */
  path: string;
  reason: IgnoredReason;
}

/** The outcome of {@link applyPatch}. */
export interface PatchResult {
  /**
   * The patched resource: a new object whenever something changed (the input is never mutated),
   * sharing every untouched attribute with the input. Treat both as immutable.
   */
  resource: Record<string, unknown>;
  /**
   * Attribute paths whose value really changed, in the order the operations first touched them:
   * `displayName`, `emails` (multi-valued attributes as a whole), `name.givenName` (single-valued
   * complex attributes per sub-attribute), `urn:…:enterprise:2.0:User:department`. Empty when the
   * PATCH changed nothing. With `membersLoaded: false`, `members` is never listed: whether the
   * delta changes rows is for the store to see.
   */
  changed: string[];
  /** For resource types with a `members` attribute (Group): the membership delta. */
  members?: MembershipDelta;
  /** Attributes that were skipped rather than failing the request (Entra's expectation). */
  ignored: IgnoredAttribute[];
}
