import {
  createRegistry,
  describeProblem,
  inferExtensionSchema,
  isExtensionUrnFor,
  isPlainObject,
  isScimError,
  type PatchOperation,
  type SchemaDefinition,
  type SchemaRegistry,
  ScimError,
} from '@scimkit/schema';
import type { Db } from './db.ts';
import type { TenantRow } from './tenants.ts';

interface CachedRegistry {
  version: number;
  registry: SchemaRegistry;
  /** Lower-case URNs of extensions inferred from data, which may grow new attributes. */
  inferred: Set<string>;
}

interface SchemaRow {
  resource_type: string;
  definition: string;
  inferred: number;
}

const BUILT_IN = new Set(
  createRegistry()
    .schemas()
    .map((schema) => schema.id.toLowerCase()),
);

/** A schema the current write registered or extended; persisted in the same transaction. */
export interface LearnedSchema {
  resourceType: string;
  schema: SchemaDefinition;
}

/**
 * Per-tenant schema registries: the core schemas plus the tenant's extensions, cached and
 * reloaded when `tenants.schema_version` moves (another process may have registered one).
 */
export class Registries {
  readonly #cache = new Map<number, CachedRegistry>();

  /** The tenant's registry. Callers treat it as read-only, except through `learn`. */
  get(db: Db, tenant: TenantRow): SchemaRegistry {
    return this.#entry(db, tenant).registry;
  }

  #entry(db: Db, tenant: TenantRow): CachedRegistry {
    const cached = this.#cache.get(tenant.pk);
    if (cached !== undefined && cached.version === tenant.schema_version) return cached;
    const registry = createRegistry();
    const inferred = new Set<string>();
    for (const row of db.all<SchemaRow>(
      'SELECT resource_type, definition, inferred FROM extension_schemas WHERE tenant = ? ORDER BY position',
      tenant.pk,
    )) {
      const schema = JSON.parse(row.definition) as SchemaDefinition;
      registry.registerExtension(row.resource_type, schema);
      if (row.inferred === 1) inferred.add(schema.id.toLowerCase());
    }
    const entry = { version: tenant.schema_version, registry, inferred };
    this.#cache.set(tenant.pk, entry);
    return entry;
  }

  /** Forgets a tenant's registry (after a failed write that may have registered schemas). */
  invalidate(tenantPk: number): void {
    this.#cache.delete(tenantPk);
  }

  /**
   * Registers, in the tenant's registry, the custom extensions a client sends without
   * declaring them (ENTRA.md "Custom extension attributes"): a URN key of this resource type
   * holding simple values, or `urn:…:User:attr` keys. An extension inferred earlier gains the
   * new attributes; built-in and explicitly registered extensions never change here.
   */
  learnFromResource(db: Db, tenant: TenantRow, resourceType: string, input: unknown): LearnedSchema[] {
    if (!isPlainObject(input)) return [];
    const entry = this.#entry(db, tenant);
    const learned: LearnedSchema[] = [];
    for (const [key, value] of Object.entries(input))
      this.#learnKey(entry, resourceType, key, value, learned);
    return learned;
  }

  /** The same, for the paths and path-less values of PATCH operations. */
  learnFromPatch(
    db: Db,
    tenant: TenantRow,
    resourceType: string,
    operations: readonly PatchOperation[],
  ): LearnedSchema[] {
    const entry = this.#entry(db, tenant);
    const learned: LearnedSchema[] = [];
    for (const operation of operations) {
      if (!isPlainObject(operation) || String(operation.op).toLowerCase() === 'remove') continue;
      if (typeof operation.path === 'string' && operation.path.trim() !== '') {
        this.#learnKey(entry, resourceType, operation.path.trim(), operation.value, learned);
      } else if (isPlainObject(operation.value)) {
        for (const [key, value] of Object.entries(operation.value)) {
          this.#learnKey(entry, resourceType, key, value, learned);
        }
      }
    }
    return learned;
  }

  #learnKey(
    entry: CachedRegistry,
    resourceType: string,
    key: string,
    value: unknown,
    learned: LearnedSchema[],
  ): void {
    if (!/^urn:/i.test(key)) return;
    let urn: string;
    let data: unknown;
    if (isExtensionUrnFor(key, resourceType)) {
      urn = key;
      data = value;
    } else {
      const colon = key.lastIndexOf(':');
      urn = key.slice(0, colon);
      const attribute = key.slice(colon + 1);
      if (!isExtensionUrnFor(urn, resourceType) || attribute.includes('.') || attribute.includes('[')) return;
      data = { [attribute]: Array.isArray(value) && value.length === 1 ? value[0] : value };
    }
    const lower = urn.toLowerCase();
    if (BUILT_IN.has(lower)) return;
    const inferred = inferExtensionSchema(urn, data);
    if (inferred === undefined) return;
    const existing = entry.registry.extension(resourceType, urn)?.schema ?? entry.registry.schema(urn);
    if (existing !== undefined && !entry.inferred.has(lower)) return;
    const merged = existing === undefined ? inferred : mergeSchemas(existing, inferred);
    if (merged === existing) return;
    entry.registry.registerExtension(resourceType, merged);
    entry.inferred.add(lower);
    learned.push({ resourceType, schema: merged });
  }
}

/** `base` with the attributes of `extra` it lacks; `base` itself when nothing is new. */
export function mergeSchemas(base: SchemaDefinition, extra: SchemaDefinition): SchemaDefinition {
  const known = new Set(base.attributes.map((attribute) => attribute.name.toLowerCase()));
  const added = extra.attributes.filter((attribute) => !known.has(attribute.name.toLowerCase()));
  return added.length === 0 ? base : { ...base, attributes: [...base.attributes, ...added] };
}

/**
 * Stores a tenant's extension schema and bumps `schema_version` so that every process
 * reloads. An inferred schema is merged with what another process may have stored meanwhile.
 */
export function saveExtension(
  db: Db,
  tenant: TenantRow,
  resourceType: string,
  schema: SchemaDefinition,
  inferred: boolean,
): void {
  let definition = schema;
  if (inferred) {
    const stored = db.get<{ definition: string; inferred: number }>(
      'SELECT definition, inferred FROM extension_schemas WHERE tenant = ? AND resource_type = ? AND urn = ?',
      tenant.pk,
      resourceType,
      schema.id.toLowerCase(),
    );
    if (stored !== undefined) {
      // A schema an administrator registered is never widened by data.
      if (stored.inferred === 0) return;
      definition = mergeSchemas(JSON.parse(stored.definition) as SchemaDefinition, schema);
    }
  }
  db.run(
    `INSERT INTO extension_schemas (tenant, resource_type, urn, definition, inferred, position)
     VALUES (?, ?, ?, ?, ?, (SELECT ifnull(max(position), 0) + 1 FROM extension_schemas WHERE tenant = ?))
     ON CONFLICT (tenant, resource_type, urn) DO UPDATE SET definition = excluded.definition, inferred = excluded.inferred`,
    tenant.pk,
    resourceType,
    schema.id.toLowerCase(),
    JSON.stringify(definition),
    inferred ? 1 : 0,
    tenant.pk,
  );
  db.run('UPDATE tenants SET schema_version = schema_version + 1 WHERE pk = ?', tenant.pk);
}

/** Checks an extension schema by registering it in a scratch registry. */
export function checkExtension(
  registry: SchemaRegistry,
  resourceType: string,
  schema: SchemaDefinition,
): void {
  try {
    registry.clone().registerExtension(resourceType, schema);
  } catch (error) {
    if (isScimError(error)) throw error;
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The extension schema cannot be registered',
        found: error instanceof Error ? error.message : String(error),
      }),
      { cause: error },
    );
  }
}

/** The canonical name of a resource type (`user` → `User`); a 404 when the registry has none. */
export function canonicalType(registry: SchemaRegistry, resourceType: string): string {
  const type = typeof resourceType === 'string' ? registry.resourceType(resourceType) : undefined;
  if (type === undefined) {
    throw ScimError.notFound(
      `The resource type ${JSON.stringify(String(resourceType))} is not known to this service provider.`,
    );
  }
  return type.name;
}
