import {
  type AttributeDefinition,
  deepEqual,
  findSubAttribute,
  isPlainObject,
  type Meta,
  type SchemaRegistry,
  type ScimResource,
} from '@scimkit/schema';

/** The one case folding used for keys, folded documents and filter values alike. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * Strings compared without case (RFC 7643 §2.2 caseExact=false). dateTime values are folded
 * too: `co`/`sw`/`ew` compare them as folded text, and their instant parses either case.
 */
export function isFoldable(definition: AttributeDefinition): boolean {
  if (definition.caseExact) return false;
  return (
    definition.type === 'string' ||
    definition.type === 'reference' ||
    definition.type === 'binary' ||
    definition.type === 'dateTime'
  );
}

// A character SQLite's lower() leaves alone but Unicode lower-casing changes: an upper-case
// letter outside ASCII (Ä, Σ, İ, the Kelvin sign). lower() folds only A–Z.
const FOLDS_BEYOND_ASCII = /(?![A-Z])\p{Changes_When_Lowercased}/u;
// Tested first: on an all-ASCII document (most of them) this scan is twenty times cheaper.
const NON_ASCII = /[^\0-\x7f]/;

/**
 * The `folded` column of a row: empty when `lower()` in SQL folds the document's strings as
 * `foldCase` does (no character of it folds beyond ASCII, the usual case), else the document
 * with every caseExact=false string folded in JavaScript. Filters read
 * `lower(json_extract(CASE folded WHEN '' THEN doc ELSE folded END, …))`; folding a folded
 * string again changes nothing, so both forms answer alike. Most rows thus store one copy of
 * the document, not two.
 */
export function foldedColumn(
  registry: SchemaRegistry,
  resourceType: string,
  doc: Record<string, unknown>,
  json: string,
): string {
  if (!NON_ASCII.test(json) || !FOLDS_BEYOND_ASCII.test(json)) return '';
  const folded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc))
    folded[key] = foldTopLevel(registry, resourceType, key, value);
  return JSON.stringify(folded);
}

/** What a resource becomes in its row. */
export interface PreparedDocument {
  /** The stored document: no `id`, `meta`, `password`, group `members` or user `groups`. */
  doc: Record<string, unknown>;
  json: string;
  /** See `foldedColumn`: usually empty. */
  folded: string;
  nameKey: string | null;
  display: string | null;
  externalId: string | null;
  /** Folded email values, for the email index. */
  emails: string[];
  /** Member ids of a group; `undefined` when the input had no `members` at all. */
  memberIds: string[] | undefined;
}

/** Attributes the store keeps out of `doc`: derived (`groups`, `meta`), columns, or never stored. */
const NOT_STORED = new Set(['id', 'meta', 'password', 'members', 'groups']);

/**
 * Splits a validated resource into its row: the document, its case-folded twin when it needs
 * one, and the indexed columns. `password` is never stored: this store does not authenticate users, and
 * keeping a clear-text password would only be a liability.
 */
export function prepareDocument(
  registry: SchemaRegistry,
  resourceType: string,
  resource: Record<string, unknown>,
): PreparedDocument {
  const doc: Record<string, unknown> = {};
  let memberIds: string[] | undefined;
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'members' && resourceType === 'Group') {
      memberIds = Array.isArray(value)
        ? value.flatMap((member) =>
            isPlainObject(member) && typeof member.value === 'string' ? [member.value] : [],
          )
        : [];
      continue;
    }
    if (NOT_STORED.has(key)) continue;
    doc[key] = value;
  }
  const userName = typeof doc.userName === 'string' ? doc.userName : undefined;
  const displayName = typeof doc.displayName === 'string' ? doc.displayName : undefined;
  let nameKey: string | null = null;
  if (resourceType === 'User') {
    nameKey = userName === undefined ? null : foldCase(userName);
  } else if (resourceType === 'Group') {
    // A group's display name is its unique key; `name_key` answers displayName lookups.
    nameKey = displayName === undefined ? null : foldCase(displayName);
  }
  const json = JSON.stringify(doc);
  return {
    doc,
    json,
    folded: foldedColumn(registry, resourceType, doc, json),
    nameKey,
    display: displayName ?? null,
    externalId: typeof doc.externalId === 'string' ? doc.externalId : null,
    emails: emailKeys(doc),
    memberIds,
  };
}

/**
 * The keys of `email_index` for a stored document: its folded email values, except one equal
 * to its folded `userName`, which the name index already finds (Entra usually sends the same
 * address as userName and as work email, and each index entry costs a page write per create).
 */
export function emailKeys(doc: Record<string, unknown>): string[] {
  const keys = new Set<string>();
  if (Array.isArray(doc.emails)) {
    for (const email of doc.emails) {
      if (isPlainObject(email) && typeof email.value === 'string') keys.add(foldCase(email.value));
    }
  }
  if (typeof doc.userName === 'string') keys.delete(foldCase(doc.userName));
  return [...keys];
}

/** Whether `emailKeys` may differ between two versions of a document (cheaper than computing both). */
export function emailKeysMayDiffer(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return before.userName !== after.userName || !deepEqual(before.emails, after.emails);
}

function foldTopLevel(registry: SchemaRegistry, resourceType: string, key: string, value: unknown): unknown {
  const base = registry.baseAttribute(resourceType, key);
  if (base !== undefined) return foldValue(base.definition, value);
  const extension = registry.extension(resourceType, key);
  if (extension === undefined || !isPlainObject(value)) return value;
  const output: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const definition = extension.schema.attributes.find(
      (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
    );
    output[name] = definition === undefined ? item : foldValue(definition, item);
  }
  return output;
}

function foldValue(definition: AttributeDefinition, value: unknown): unknown {
  if (typeof value === 'string') return isFoldable(definition) ? foldCase(value) : value;
  if (Array.isArray(value)) return value.map((item) => foldValue(definition, item));
  if (isPlainObject(value) && definition.type === 'complex') {
    const output: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const sub = findSubAttribute(definition, name);
      output[name] = sub === undefined ? item : foldValue(sub, item);
    }
    return output;
  }
  return value;
}

/**
 * A UUID version 7 (RFC 9562 §5.7): time-ordered, so that new ids land at the end of the id
 * index instead of on a random page of it, which keeps creates fast in a large directory.
 */
export function newId(now: number): string {
  const bytes = randomBytes16();
  let time = now;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// getRandomValues costs a system call: draw 16 bytes at a time from a larger buffer.
const POOL = new Uint8Array(4096);
let poolOffset = POOL.length;

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > POOL.length) {
    crypto.getRandomValues(POOL);
    poolOffset = 0;
  }
  const bytes = POOL.slice(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

/** The weak ETag of a version (RFC 7644 §3.14). */
export function etag(version: number): string {
  return `W/"${version}"`;
}

/** A resource row as read for output. */
export interface ResourceRow {
  pk: number;
  id: string;
  type: string;
  version: number;
  created: string;
  modified: string;
  doc: string;
  /** `doc` already parsed, when the caller has it (a write): saves parsing it again. */
  parsed?: Record<string, unknown>;
  /** A user's groups as `[[id, display], …]` JSON, when the statement read them. */
  groups_json?: string;
}

/** A member of a group as returned (RFC 7643 §4.2). */
export interface MemberValue {
  value: string;
  display?: string;
  type: string;
}

/** A group of a user as returned (RFC 7643 §4.1.2, read-only, derived from the members table). */
export interface GroupValue {
  value: string;
  display?: string;
  type: 'direct';
}

/** Rebuilds the resource from its row: `id` first after `schemas`, derived lists, `meta` last. */
export function composeResource(
  row: ResourceRow,
  derived: { members?: MemberValue[]; groups?: GroupValue[] } = {},
): ScimResource {
  const doc = row.parsed ?? (JSON.parse(row.doc) as Record<string, unknown>);
  const { schemas, ...rest } = doc;
  const resource: Record<string, unknown> = { schemas, id: row.id, ...rest };
  if (derived.members !== undefined && derived.members.length > 0) resource.members = derived.members;
  if (derived.groups !== undefined && derived.groups.length > 0) resource.groups = derived.groups;
  const meta: Meta = {
    resourceType: row.type,
    created: row.created,
    lastModified: row.modified,
    version: etag(row.version),
  };
  resource.meta = meta;
  return resource as ScimResource;
}
