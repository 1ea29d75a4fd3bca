import { attr } from './_internal/define.ts';
import { COMMON_ATTRIBUTES, SCHEMAS_ATTRIBUTE } from './definitions/common.ts';
import { ENTERPRISE_USER_SCHEMA } from './definitions/enterprise-user.ts';
import { GROUP_SCHEMA } from './definitions/group.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './definitions/resource-types.ts';
import type {
  AttributeDefinition,
  AttributeType,
  ResourceTypeDefinition,
  SchemaDefinition,
} from './definitions/types.ts';
import { URN } from './definitions/urns.ts';
import { USER_SCHEMA } from './definitions/user.ts';
import { ScimError } from './errors.ts';
import { type AttributePath, isAttributeName, parseAttributePath } from './paths.ts';

/** What an attribute path names, with canonical definitions (RFC 7644 §3.10). */
export interface ResolvedAttribute {
  /** Canonical URN of the defining schema; `undefined` for RFC 7643 §3.1 common attributes. */
  schema: string | undefined;
  /** True when the attribute lives under its schema URN key in a resource (an extension). */
  extension: boolean;
  /** The top-level attribute. */
  attribute: AttributeDefinition;
  /** The sub-attribute, when the path names one. */
  subAttribute: AttributeDefinition | undefined;
  /** The definition the path ends at: the sub-attribute when there is one. */
  definition: AttributeDefinition;
}

/**
 * Lookup tables of one resource type, keyed by lower-case attribute name or schema URN, for
 * code that resolves many names in a loop (validation, projection). Read-only snapshots: a
 * registration on the registry makes a new table.
 */
export interface AttributeTable {
  readonly core: SchemaDefinition;
  /** Common and core-schema attributes. */
  readonly base: ReadonlyMap<string, { readonly definition: AttributeDefinition }>;
  /** Bound extensions, in binding order. */
  readonly extensions: ReadonlyMap<
    string,
    {
      readonly schema: SchemaDefinition;
      readonly required: boolean;
      readonly attributes: ReadonlyMap<string, { readonly definition: AttributeDefinition }>;
    }
  >;
}

/** A schema extension bound to a resource type, with its definition. */
export interface BoundExtension {
  schema: SchemaDefinition;
  required: boolean;
}

interface Located {
  definition: AttributeDefinition;
  schema: string | undefined;
  extension: boolean;
}

interface ResourceIndex {
  core: SchemaDefinition;
  /** Common and core attributes by lower-case name. */
  base: Map<string, Located>;
  /** Extensions by lower-case URN. */
  extensions: Map<string, { schema: SchemaDefinition; required: boolean; attributes: Map<string, Located> }>;
  /** Extension attributes reachable without a URN, when only one extension defines the name. */
  unqualified: Map<string, Located | null>;
}

const subAttributeIndex = new WeakMap<AttributeDefinition, Map<string, AttributeDefinition>>();

/** Finds a sub-attribute of a complex attribute by name, case-insensitively. */
export function findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  const subs = parent.subAttributes;
  if (subs === undefined) return undefined;
  let index = subAttributeIndex.get(parent);
  if (index === undefined) {
    index = new Map(subs.map((sub) => [sub.name.toLowerCase(), sub]));
    subAttributeIndex.set(parent, index);
  }
  return index.get(name.toLowerCase());
}

/**
 * The schemas and resource types one SCIM service provider (in scimkit: one tenant) knows.
 * Starts with RFC 7643's User (with the enterprise extension), Group and discovery schemas;
 * extension schemas can be registered at run time.
 */
export class SchemaRegistry {
  readonly #schemas = new Map<string, SchemaDefinition>();
  readonly #resourceTypes = new Map<string, ResourceTypeDefinition>();
  readonly #indexes = new Map<string, ResourceIndex>();

  constructor(
    init: { schemas?: readonly SchemaDefinition[]; resourceTypes?: readonly ResourceTypeDefinition[] } = {},
  ) {
    for (const schema of init.schemas ?? []) this.registerSchema(schema);
    for (const type of init.resourceTypes ?? []) this.registerResourceType(type);
  }

  /** Adds (or replaces) a schema definition. */
  registerSchema(schema: SchemaDefinition): this {
    validateSchemaDefinition(schema);
    this.#schemas.set(schema.id.toLowerCase(), schema);
    this.#indexes.clear();
    return this;
  }

  /** Adds (or replaces) a resource type. Its schemas must be registered first. */
  registerResourceType(type: ResourceTypeDefinition): this {
    for (const id of [type.schema, ...type.schemaExtensions.map((ext) => ext.schema)]) {
      if (!this.#schemas.has(id.toLowerCase())) {
        throw new TypeError(
          `[scim-schema] resource type ${type.name} names schema ${id}, which is not registered`,
        );
      }
    }
    this.#resourceTypes.set(type.name.toLowerCase(), type);
    this.#indexes.clear();
    return this;
  }

  /**
   * Registers `schema` and binds it to `resourceType` as an extension
   * (RFC 7643 §6 `schemaExtensions`). Registering the same URN again replaces it.
   */
  registerExtension(
    resourceType: string,
    schema: SchemaDefinition,
    options: { required?: boolean } = {},
  ): this {
    const type = this.#requireResourceType(resourceType);
    this.registerSchema(schema);
    const others = type.schemaExtensions.filter(
      (ext) => ext.schema.toLowerCase() !== schema.id.toLowerCase(),
    );
    this.#resourceTypes.set(type.name.toLowerCase(), {
      ...type,
      schemaExtensions: [...others, { schema: schema.id, required: options.required ?? false }],
    });
    this.#indexes.clear();
    return this;
  }

  /** A schema by URN, case-insensitively. */
  schema(id: string): SchemaDefinition | undefined {
    return this.#schemas.get(id.toLowerCase());
  }

  /** Every registered schema, in registration order. */
  schemas(): SchemaDefinition[] {
    return [...this.#schemas.values()];
  }

  /** A resource type by name (`User`), case-insensitively. */
  resourceType(name: string): ResourceTypeDefinition | undefined {
    return this.#resourceTypes.get(name.toLowerCase());
  }

  /** Every registered resource type. */
  resourceTypes(): ResourceTypeDefinition[] {
    return [...this.#resourceTypes.values()];
  }

  /** The core schema of a resource type. */
  coreSchema(resourceType: string): SchemaDefinition {
    return this.#index(resourceType).core;
  }

  /** The extensions bound to a resource type. */
  extensions(resourceType: string): BoundExtension[] {
    return [...this.#index(resourceType).extensions.values()].map(({ schema, required }) => ({
      schema,
      required,
    }));
  }

  /** The extension bound to `resourceType` whose URN is `urn` (case-insensitive). */
  extension(resourceType: string, urn: string): BoundExtension | undefined {
    const found = this.#index(resourceType).extensions.get(urn.toLowerCase());
    return found === undefined ? undefined : { schema: found.schema, required: found.required };
  }

  /** The lookup tables of a resource type (see {@link AttributeTable}). */
  attributeTable(resourceType: string): AttributeTable {
    return this.#index(resourceType);
  }

  /** A common or core-schema attribute by name (case-insensitive), never an extension's. */
  baseAttribute(resourceType: string, name: string): ResolvedAttribute | undefined {
    const located = this.#index(resourceType).base.get(name.toLowerCase());
    return located === undefined ? undefined : toResolved(located, undefined);
  }

  /**
   * The common and core-schema attribute named `name` (case-insensitive), or an extension
   * attribute of that name when exactly one bound extension defines it (Entra's legacy
   * `manager` path).
   */
  topLevel(resourceType: string, name: string): ResolvedAttribute | undefined {
    const index = this.#index(resourceType);
    const key = name.toLowerCase();
    const located = index.base.get(key) ?? index.unqualified.get(key) ?? undefined;
    return located === undefined ? undefined : toResolved(located, undefined);
  }

  /**
   * Resolves an attribute path against a resource type: case-insensitive names, optional
   * schema URN prefix, optional sub-attribute. `undefined` when it names nothing.
   */
  resolve(resourceType: string, path: string | AttributePath): ResolvedAttribute | undefined {
    const parsed = typeof path === 'string' ? tryParse(path) : path;
    if (parsed === undefined) return undefined;
    const index = this.#index(resourceType);
    let located: Located | undefined;
    if (parsed.schema === undefined) {
      const key = parsed.attribute.toLowerCase();
      located = index.base.get(key) ?? index.unqualified.get(key) ?? undefined;
    } else {
      const urn = parsed.schema.toLowerCase();
      if (urn === index.core.id.toLowerCase()) {
        located = index.base.get(parsed.attribute.toLowerCase());
      } else {
        located = index.extensions.get(urn)?.attributes.get(parsed.attribute.toLowerCase());
      }
    }
    if (located === undefined) return undefined;
    if (parsed.subAttribute === undefined) return toResolved(located, undefined);
    const sub = findSubAttribute(located.definition, parsed.subAttribute);
    return sub === undefined ? undefined : toResolved(located, sub);
  }

  /**
   * The resource type a resource claims, from `meta.resourceType` or its core schema URN.
   */
  resourceTypeOf(input: object): ResourceTypeDefinition | undefined {
    const resource = input as Record<string, unknown>;
    const meta = resource.meta;
    if (
      meta !== null &&
      typeof meta === 'object' &&
      typeof (meta as { resourceType?: unknown }).resourceType === 'string'
    ) {
      const found = this.resourceType((meta as { resourceType: string }).resourceType);
      if (found !== undefined) return found;
    }
    const schemas = Array.isArray(resource.schemas) ? resource.schemas : [];
    const lower = new Set(
      schemas.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()),
    );
    return this.resourceTypes().find((type) => lower.has(type.schema.toLowerCase()));
  }

  /** An independent copy: a tenant can register its own extensions without touching others. */
  clone(): SchemaRegistry {
    const copy = new SchemaRegistry();
    for (const schema of this.#schemas.values()) copy.#schemas.set(schema.id.toLowerCase(), schema);
    for (const type of this.#resourceTypes.values()) copy.#resourceTypes.set(type.name.toLowerCase(), type);
    // Built indexes are never mutated (registering clears the map instead), so a copy can share them.
    for (const [key, index] of this.#indexes) copy.#indexes.set(key, index);
    return copy;
  }

  #requireResourceType(name: string): ResourceTypeDefinition {
    const type = this.resourceType(name);
    if (type === undefined) {
      throw ScimError.notFound(
        `The resource type ${JSON.stringify(name)} is not known to this service provider.`,
      );
    }
    return type;
  }

  #index(resourceType: string): ResourceIndex {
    const key = resourceType.toLowerCase();
    const cached = this.#indexes.get(key);
    if (cached !== undefined) return cached;
    const type = this.#requireResourceType(resourceType);
    const core = this.schema(type.schema)!;
    const base = new Map<string, Located>();
    base.set('schemas', { definition: SCHEMAS_ATTRIBUTE, schema: undefined, extension: false });
    for (const definition of COMMON_ATTRIBUTES) {
      base.set(definition.name.toLowerCase(), { definition, schema: undefined, extension: false });
    }
    for (const definition of core.attributes) {
      base.set(definition.name.toLowerCase(), { definition, schema: core.id, extension: false });
    }
    const extensions: ResourceIndex['extensions'] = new Map();
    const unqualified = new Map<string, Located | null>();
    for (const binding of type.schemaExtensions) {
      const schema = this.schema(binding.schema)!;
      const attributes = new Map<string, Located>();
      for (const definition of schema.attributes) {
        const located: Located = { definition, schema: schema.id, extension: true };
        const name = definition.name.toLowerCase();
        attributes.set(name, located);
        // A name two extensions share is ambiguous without its URN.
        if (!base.has(name)) unqualified.set(name, unqualified.has(name) ? null : located);
      }
      extensions.set(schema.id.toLowerCase(), { schema, required: binding.required, attributes });
    }
    const index: ResourceIndex = { core, base, extensions, unqualified };
    this.#indexes.set(key, index);
    return index;
  }
}

function tryParse(text: string): AttributePath | undefined {
  try {
    return parseAttributePath(text);
  } catch {
    return undefined;
  }
}

function toResolved(located: Located, sub: AttributeDefinition | undefined): ResolvedAttribute {
  return {
    schema: located.schema,
    extension: located.extension,
    attribute: located.definition,
    subAttribute: sub,
    definition: sub ?? located.definition,
  };
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function validateSchemaDefinition(schema: SchemaDefinition): void {
  if (!/^urn:[^\s]+$/i.test(schema.id) && !/^https?:\/\/\S+$/i.test(schema.id)) {
    throw new TypeError(`[scim-schema] schema id ${JSON.stringify(schema.id)} is not a URN`);
  }
  const check = (definition: AttributeDefinition, depth: number): void => {
    if (!isAttributeName(definition.name) || RESERVED_NAMES.has(definition.name)) {
      throw new TypeError(
        `[scim-schema] schema ${schema.id} has an invalid attribute name ${JSON.stringify(definition.name)}`,
      );
    }
    if (definition.type === 'complex') {
      // RFC 7643 §2.3.8 forbids nesting; only the Schema schema itself (§7) nests.
      if (depth > 0 && schema.id !== URN.Schema)
        throw new TypeError(
          `[scim-schema] ${schema.id}: complex attributes cannot nest (${definition.name})`,
        );
      for (const sub of definition.subAttributes ?? []) check(sub, depth + 1);
    }
  };
  for (const definition of schema.attributes) check(definition, 0);
}

/** A registry with RFC 7643's User (+ EnterpriseUser extension) and Group resource types. */
export function createRegistry(): SchemaRegistry {
  return new SchemaRegistry({
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA],
    resourceTypes: [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE],
  });
}

/** Simple attribute types an extension can be declared with by name. */
export type ExtensionAttributeSpec =
  | Exclude<AttributeType, 'complex'>
  | (Partial<Omit<AttributeDefinition, 'name'>> & { type: Exclude<AttributeType, 'complex'> });

/**
 * Builds an extension schema from a compact description, e.g. Entra's custom extension
 * `defineExtension('urn:ietf:params:scim:schemas:extension:Contoso:2.0:User', { costCenter: 'string' })`.
 */
export function defineExtension(
  id: string,
  attributes: Record<string, ExtensionAttributeSpec>,
  options: { name?: string; description?: string } = {},
): SchemaDefinition {
  const list = Object.entries(attributes).map(([name, spec]) => {
    if (typeof spec === 'string') return attr(name, spec, `Extension attribute ${name}.`);
    const { type, description, ...rest } = spec;
    return attr(name, type, description ?? `Extension attribute ${name}.`, rest);
  });
  const name = options.name ?? id.split(':').at(-3) ?? id;
  return { id, name, description: options.description ?? `Extension schema ${name}`, attributes: list };
}

/** True for a key that looks like an extension schema URN of `resourceType` (`urn:…:User`). */
export function isExtensionUrnFor(key: string, resourceType: string): boolean {
  if (!/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(key)) return false;
  const last = key.slice(key.lastIndexOf(':') + 1);
  return last.toLowerCase() === resourceType.toLowerCase();
}

/**
 * Infers an extension schema from data a client sent under an unregistered URN key, so that
 * custom attributes Entra sends without registering them first are kept (ENTRA.md "Custom
 * extension attributes"). Only single-valued simple attributes are inferred; anything else
 * makes the value uninferrable (`undefined`).
 */
export function inferExtensionSchema(id: string, value: unknown): SchemaDefinition | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const attributes: Record<string, ExtensionAttributeSpec> = {};
  let count = 0;
  for (const [name, item] of Object.entries(value)) {
    if (!isAttributeName(name) || RESERVED_NAMES.has(name)) return undefined;
    if (typeof item === 'string') attributes[name] = 'string';
    else if (typeof item === 'boolean') attributes[name] = 'boolean';
    else if (typeof item === 'number' && Number.isFinite(item)) attributes[name] = 'decimal';
    else if (item === null) attributes[name] = 'string';
    else return undefined;
    if (++count > 100) return undefined;
  }
  if (count === 0) return undefined;
  return defineExtension(id, attributes);
}

export { URN };
