import type {
  IssuedToken,
  PatchOperation,
  RequestContext,
  ScimEvent,
  ScimResource,
  ScimStore,
  TokenInfo,
} from '@scimkit/schema';
import type { Backend, Directory, ResourceKind, TenantRecord } from './backend.ts';
import { tenantUrlFor } from './backend.ts';

/** The server's own default address (PORT 8080 on localhost). */
const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

/**
 * A deployment reached directly on its SQLite file: every command calls the `ScimStore`,
 * and bulk writes go through `createMany`, one transaction per batch.
 */
export class DatabaseBackend implements Backend {
  readonly description: string;
  readonly tenantUrlNote?: string;
  readonly #store: ScimStore;
  readonly #publicUrl: string;

  constructor(store: ScimStore, options: { path: string; publicUrl?: string }) {
    this.#store = store;
    this.#publicUrl = options.publicUrl ?? DEFAULT_PUBLIC_URL;
    this.description = `database ${options.path}`;
    if (options.publicUrl === undefined) {
      this.tenantUrlNote = `Tenant URLs are built on ${DEFAULT_PUBLIC_URL}: pass --public-url (or set SCIMKIT_PUBLIC_URL) to the address Entra reaches.`;
    }
  }

  async createTenant(input: { name: string; id?: string }): Promise<TenantRecord> {
    return this.#withUrl(await this.#store.createTenant(input));
  }

  async listTenants(): Promise<TenantRecord[]> {
    return (await this.#store.listTenants()).map((tenant) => this.#withUrl(tenant));
  }

  async getTenant(tenantId: string): Promise<TenantRecord | undefined> {
    const tenant = await this.#store.getTenant(tenantId);
    return tenant === undefined ? undefined : this.#withUrl(tenant);
  }

  deleteTenant(tenantId: string): Promise<boolean> {
    return this.#store.deleteTenant(tenantId);
  }

  issueToken(tenantId: string, options: { description?: string; expiresAt?: Date }): Promise<IssuedToken> {
    return this.#store.issueToken(tenantId, options);
  }

  listTokens(tenantId: string): Promise<TokenInfo[]> {
    return this.#store.listTokens(tenantId);
  }

  revokeToken(tenantId: string, tokenId: string): Promise<boolean> {
    return this.#store.revokeToken(tenantId, tokenId);
  }

  expireToken(tenantId: string, tokenId: string, expiresAt: Date): Promise<boolean> {
    return this.#store.expireToken(tenantId, tokenId, expiresAt);
  }

  events(tenantId: string, options: { since: number; limit: number }): Promise<ScimEvent[]> {
    return this.#store.events(tenantId, options);
  }

  async openDirectory(tenantId: string): Promise<Directory> {
    return new StoreDirectory(this.#store, { tenantId, requestId: 'scimkit-cli' });
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  #withUrl<T extends { id: string }>(tenant: T): T & { tenantUrl: string } {
    return { ...tenant, tenantUrl: tenantUrlFor(this.#publicUrl, tenant.id) };
  }
}

/** A tenant's resources straight on the store. */
class StoreDirectory implements Directory {
  // Large enough that transaction overhead vanishes, small enough to keep memory flat.
  readonly batchSize = 1000;
  readonly membersPerPatch = 10_000;
  readonly #store: ScimStore;
  readonly #ctx: RequestContext;

  constructor(store: ScimStore, ctx: RequestContext) {
    this.#store = store;
    this.#ctx = ctx;
  }

  async createMany(kind: ResourceKind, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
    return (await this.#store.createMany(this.#ctx, kind, inputs)).map((resource) => resource.id);
  }

  async patch(kind: ResourceKind, id: string, operations: readonly PatchOperation[]): Promise<void> {
    // The answer is not needed: composing a large group's members would cost more than the write.
    await this.#store.patch(this.#ctx, kind, id, operations, { excludeMembers: true });
  }

  async *pages(
    kind: ResourceKind,
    options: { excludeMembers?: boolean } = {},
  ): AsyncIterable<ScimResource[]> {
    const count = kind === 'Group' && options.excludeMembers !== true ? 100 : 1000;
    let cursor: string | undefined = '';
    while (cursor !== undefined) {
      const page = await this.#store.query(this.#ctx, kind, {
        cursor,
        count,
        excludeMembers: options.excludeMembers === true,
      });
      if (page.resources.length > 0) yield page.resources;
      cursor = page.resources.length === 0 ? undefined : page.nextCursor;
    }
  }

  async find(kind: ResourceKind, filter: string): Promise<ScimResource[]> {
    return (
      await this.#store.query(this.#ctx, kind, { filter, count: 100, excludeMembers: kind === 'Group' })
    ).resources;
  }

  get(kind: ResourceKind, id: string): Promise<ScimResource | undefined> {
    return this.#store.get(this.#ctx, kind, id);
  }

  async close(): Promise<void> {}
}
