import type {
  IssuedToken,
  PatchOperation,
  ScimEvent,
  ScimResource,
  Tenant,
  TokenInfo,
} from '@scimkit/schema';

/** A tenant with the URL an admin pastes into Entra's "Tenant URL" field. */
export interface TenantRecord extends Tenant {
  tenantUrl: string;
}

/** The two SCIM resource types the CLI reads and writes. */
export type ResourceKind = 'User' | 'Group';

/**
 * One deployment of scimkit as the commands see it, reached either directly on its database
 * file or through the server's admin API. Every command is written against this, so both
 * ways behave the same.
 */
export interface Backend {
  /** Shown in messages: `database ./data/scim.db` or `server https://scim.example.com`. */
  readonly description: string;
  /** A caveat to print next to Tenant URLs (e.g. that they were built on a default base URL). */
  readonly tenantUrlNote?: string;
  createTenant(input: { name: string; id?: string }): Promise<TenantRecord>;
  listTenants(): Promise<TenantRecord[]>;
  getTenant(tenantId: string): Promise<TenantRecord | undefined>;
  deleteTenant(tenantId: string): Promise<boolean>;
  issueToken(tenantId: string, options: { description?: string; expiresAt?: Date }): Promise<IssuedToken>;
  listTokens(tenantId: string): Promise<TokenInfo[]>;
  revokeToken(tenantId: string, tokenId: string): Promise<boolean>;
  expireToken(tenantId: string, tokenId: string, expiresAt: Date): Promise<boolean>;
  /** Events with `sequence > since`, oldest first, at most `limit`. */
  events(tenantId: string, options: { since: number; limit: number }): Promise<ScimEvent[]>;
  /** The tenant's users and groups, for seeding, export and import. */
  openDirectory(tenantId: string): Promise<Directory>;
  close(): Promise<void>;
}

/**
 * Bulk access to one tenant's resources. On a database file this is the store itself (batched
 * transactions); through a server it is the tenant's own SCIM endpoint.
 */
export interface Directory {
  /** How many resources one `createMany` call should carry. */
  readonly batchSize: number;
  /** How many members one PATCH of a group should add (a server's body limit caps it). */
  readonly membersPerPatch: number;
  /** Creates resources in order and returns their new ids in the same order. */
  createMany(kind: ResourceKind, inputs: readonly Record<string, unknown>[]): Promise<string[]>;
  patch(kind: ResourceKind, id: string, operations: readonly PatchOperation[]): Promise<void>;
  /** Every resource of a kind, a page at a time, in a stable order. */
  pages(kind: ResourceKind, options?: { excludeMembers?: boolean }): AsyncIterable<ScimResource[]>;
  /** The resources matching a SCIM filter (small results only: lookups). */
  find(kind: ResourceKind, filter: string): Promise<ScimResource[]>;
  get(kind: ResourceKind, id: string): Promise<ScimResource | undefined>;
  close(): Promise<void>;
}

/** `{publicUrl}/scim/{tenantId}/v2` (ARCHITECTURE.md: one tenant per URL). */
export function tenantUrlFor(publicUrl: string, tenantId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/scim/${encodeURIComponent(tenantId)}/v2`;
}
