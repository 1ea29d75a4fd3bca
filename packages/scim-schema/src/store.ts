import type { SchemaDefinition } from './definitions/types.ts';
import type { SchemaRegistry } from './registry.ts';
import type { PatchOperation, ScimResource } from './resources.ts';

/**
 * The storage contract of scimkit (see ARCHITECTURE.md). Any backend implements it; the
 * server only talks to this. It is free of SQL notions on purpose: a PostgreSQL backend must
 * fit without changing the server. Every resource call is scoped by `ctx.tenantId`: a backend
 * never returns, changes or reveals another tenant's rows. Errors are `ScimError`s
 * (404 unknown id, 409 `uniqueness`, 412 version mismatch, 400 for bad input or filters).
 */
export interface ScimStore {
  // Tenants ------------------------------------------------------------------------------
  /** Creates a tenant. `id` is URL-safe (`[a-z0-9][a-z0-9-]*`), derived from the name when absent. */
  createTenant(input: { name: string; id?: string }): Promise<Tenant>;
  listTenants(): Promise<Tenant[]>;
  getTenant(tenantId: string): Promise<Tenant | undefined>;
  /** Deletes a tenant and all its data (resources, members, tokens, events, schemas). */
  deleteTenant(tenantId: string): Promise<boolean>;

  // Tokens -------------------------------------------------------------------------------
  /** Issues a token; the secret is returned once and stored only as a hash. */
  issueToken(tenantId: string, options?: { description?: string; expiresAt?: Date }): Promise<IssuedToken>;
  /** Tokens of a tenant, without secrets, revoked ones included. */
  listTokens(tenantId: string): Promise<TokenInfo[]>;
  revokeToken(tenantId: string, tokenId: string): Promise<boolean>;
  /** Sets a token's expiry (rotation: keep the old token valid for a grace period). */
  expireToken(tenantId: string, tokenId: string, expiresAt: Date): Promise<boolean>;
  /**
   * The live token of `tenantId` whose secret this is, comparing hashes in constant time, and
   * records its last use; `undefined` for unknown, revoked, expired or another tenant's token.
   */
  verifyToken(tenantId: string, secret: string): Promise<TokenInfo | undefined>;

  // Schemas ------------------------------------------------------------------------------
  /** The tenant's schema registry: core schemas plus the tenant's registered extensions. */
  registry(tenantId: string): Promise<SchemaRegistry>;
  /** Registers (or replaces) an extension schema for one of the tenant's resource types. */
  registerExtension(tenantId: string, resourceType: string, schema: SchemaDefinition): Promise<void>;

  // Resources ----------------------------------------------------------------------------
  /** Validates and stores a new resource; assigns `id` and `meta`. */
  create(ctx: RequestContext, resourceType: string, input: unknown): Promise<ScimResource>;
  /** Creates many resources in as few transactions as possible (seeding, import). */
  createMany(ctx: RequestContext, resourceType: string, inputs: readonly unknown[]): Promise<ScimResource[]>;
  get(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    options?: ReadOptions,
  ): Promise<ScimResource | undefined>;
  /** PUT: replaces the resource (RFC 7644 §3.5.1); immutable attributes must not change. */
  replace(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    input: unknown,
    options?: WriteOptions,
  ): Promise<ScimResource>;
  /** PATCH (RFC 7644 §3.5.2) in one transaction; no write when nothing changed. */
  patch(
    ctx: RequestContext,
    resourceType: string,
    id: string,
    operations: readonly PatchOperation[],
    options?: WriteOptions & ReadOptions,
  ): Promise<PatchOutcome>;
  delete(ctx: RequestContext, resourceType: string, id: string, options?: WriteOptions): Promise<void>;
  /** Filter, sort and page in the backend (RFC 7644 §3.4.2). */
  query(ctx: RequestContext, resourceType: string, options?: QueryOptions): Promise<QueryResult>;

  // Events -------------------------------------------------------------------------------
  /** The tenant's provisioning events with `sequence > since`, oldest first. */
  events(tenantId: string, options?: { since?: number; limit?: number }): Promise<ScimEvent[]>;

  close(): Promise<void>;
}

/** A tenant: one customer directory, one Tenant URL. */
export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

/** A bearer token's public record (never its secret). */
export interface TokenInfo {
  id: string;
  tenantId: string;
  description?: string;
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** A freshly issued token: `secret` is shown once and never stored in clear. */
export interface IssuedToken {
  token: TokenInfo;
  secret: string;
}

/** Who is asking: the tenant every call is scoped to, and the request id for the event log. */
export interface RequestContext {
  tenantId: string;
  requestId?: string;
}

/** Optimistic concurrency: the `meta.version` (weak ETag) the caller expects. */
export interface WriteOptions {
  ifMatch?: string;
}

/** What to read. */
export interface ReadOptions {
  /** Groups: leave `members` out without reading them (`excludedAttributes=members`). */
  excludeMembers?: boolean;
}

/** A query (RFC 7644 §3.4.2 and RFC 9865). */
export interface QueryOptions extends ReadOptions {
  /** Filter text (RFC 7644 §3.4.2.2); Entra's unquoted legacy values are accepted. */
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  /** 1-based index paging. */
  startIndex?: number;
  count?: number;
  /** RFC 9865 cursor paging: `''` asks for the first page, a returned `nextCursor` for the next. */
  cursor?: string;
}

/** A page of results. */
export interface QueryResult {
  resources: ScimResource[];
  /** Every match, not only this page. */
  totalResults: number;
  startIndex: number;
  nextCursor?: string;
}

/** A PATCH's result: the resource after it and what really changed. */
export interface PatchOutcome {
  resource: ScimResource;
  /** Attribute paths that changed; empty when the PATCH was a no-op. */
  changed: string[];
}

/** One entry of a tenant's append-only provisioning log. */
export interface ScimEvent {
  tenantId: string;
  sequence: number;
  time: string;
  operation: 'create' | 'replace' | 'patch' | 'delete';
  resourceType: string;
  resourceId: string;
  changed: string[];
  requestId?: string;
}
