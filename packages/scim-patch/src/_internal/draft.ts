import type { AttributeDefinition } from '@scimkit/schema';

/** Where an attribute lives in a resource: top level, or under its extension's URN key. */
export interface Slot {
  /** Canonical extension URN; `undefined` for core and common attributes. */
  urn: string | undefined;
  attribute: AttributeDefinition;
  /** Canonical full name, also the key of `changed`: `emails`, `urn:…:2.0:User:manager`. */
  name: string;
}

/** A slot the operations wrote, with its value before the PATCH. */
export interface Touched {
  slot: Slot;
  before: unknown;
}

/**
 * A copy-on-write view of the resource being patched. The input is never written: the first
 * write copies the top level (and the extension object it lands in) once, so an untouched
 * attribute, however large (a 50k-element `members`), is shared, never copied.
 */
export class Draft {
  readonly #source: Record<string, unknown>;
  readonly #coreSchema: string;
  #copy: Record<string, unknown> | undefined;
  readonly #copiedExtensions = new Set<string>();
  readonly #touched = new Map<string, Touched>();

  constructor(source: Record<string, unknown>, coreSchema: string) {
    this.#source = source;
    this.#coreSchema = coreSchema;
  }

  /** The resource as patched so far (the input itself while nothing was written). */
  get resource(): Record<string, unknown> {
    return this.#copy ?? this.#source;
  }

  /** Slots written at least once, in the order they were first written. */
  get touched(): IterableIterator<Touched> {
    return this.#touched.values();
  }

  /** The current value of an attribute; `undefined` when unassigned. */
  read(slot: Slot): unknown {
    return readFrom(this.resource, slot);
  }

  /** Sets (or, with `undefined`, removes) an attribute. */
  write(slot: Slot, value: unknown): void {
    if (this.read(slot) === value) return;
    if (!this.#touched.has(slot.name)) {
      this.#touched.set(slot.name, { slot, before: readFrom(this.#source, slot) });
    }
    let resource = this.#copy ?? { ...this.#source };
    if (slot.urn === undefined) {
      this.#copy = put(resource, slot.attribute.name, value);
      return;
    }
    const key = findKey(resource, slot.urn);
    const existing = key === undefined ? undefined : resource[key];
    if (value === undefined && !isObject(existing)) {
      this.#copy = resource;
      return;
    }
    if (key !== undefined && key !== slot.urn) resource = without(resource, key);
    // The extension object is copied once, then written in place.
    let container = isObject(existing)
      ? this.#copiedExtensions.has(slot.urn)
        ? existing
        : { ...existing }
      : {};
    container = put(container, slot.attribute.name, value);
    if (value === undefined && Object.keys(container).length === 0) {
      // An extension with no attribute left is unassigned, and leaves `schemas` too.
      resource = without(resource, slot.urn);
      this.#copiedExtensions.delete(slot.urn);
      setSchema(resource, slot.urn, false, this.#coreSchema);
    } else {
      resource[slot.urn] = container;
      this.#copiedExtensions.add(slot.urn);
      setSchema(resource, slot.urn, true, this.#coreSchema);
    }
    this.#copy = resource;
  }
}

function readFrom(resource: Record<string, unknown>, slot: Slot): unknown {
  let container: Record<string, unknown> = resource;
  if (slot.urn !== undefined) {
    const key = findKey(resource, slot.urn);
    const extension = key === undefined ? undefined : resource[key];
    if (!isObject(extension)) return undefined;
    container = extension;
  }
  const key = findKey(container, slot.attribute.name);
  const value = key === undefined ? undefined : container[key];
  return value === null ? undefined : value;
}

/**
 * The key under which `name` is stored, matched case-insensitively (RFC 7643 §2.1): stored
 * resources use canonical names, so the exact lookup almost always answers.
 */
export function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  for (const key in object) {
    if (key.length === lower.length && key.toLowerCase() === lower && Object.hasOwn(object, key)) return key;
  }
  return undefined;
}

/**
 * Sets `name` on an object this draft owns, replacing a differently-cased key; returns the object
 * to keep (a new one when a key goes: `delete` would drop V8's fast properties for every later
 * read of the resource).
 */
function put(object: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const key = findKey(object, name);
  if (value === undefined) return key === undefined ? object : without(object, key);
  const target = key !== undefined && key !== name ? without(object, key) : object;
  target[name] = value;
  return target;
}

function without(object: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) if (key !== name) copy[key] = object[key];
  return copy;
}

function setSchema(resource: Record<string, unknown>, urn: string, present: boolean, core: string): void {
  const schemas = Array.isArray(resource.schemas) ? (resource.schemas as unknown[]) : undefined;
  const lower = urn.toLowerCase();
  const has =
    schemas !== undefined &&
    (schemas.includes(urn) ||
      schemas.some((item) => typeof item === 'string' && item.toLowerCase() === lower));
  if (present && !has) resource.schemas = [...(schemas ?? [core]), urn];
  else if (!present && has) {
    resource.schemas = schemas!.filter((item) => typeof item !== 'string' || item.toLowerCase() !== lower);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
