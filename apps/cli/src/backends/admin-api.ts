import type { IssuedToken, ScimEvent, Tenant, TokenInfo } from '@scimkit/schema';
import { errorDetail, type Fetch, type JsonReply, requestJson } from '../_internal/http.ts';
import { CliError, EXIT } from '../errors.ts';
import type { Backend, Directory, TenantRecord } from './backend.ts';
import { ScimHttpDirectory } from './scim-directory.ts';

/** Options of `AdminApiBackend`. */
export interface AdminApiOptions {
  serverUrl: string;
  adminToken: string;
  fetch?: Fetch;
}

/**
 * A deployment reached through the server's admin API (`/admin`, bearer `ADMIN_TOKEN`).
 * Resources are read and written through the tenant's own SCIM endpoint with a short-lived
 * token, so the CLI needs nothing the server does not already expose.
 */
export class AdminApiBackend implements Backend {
  readonly description: string;
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: Fetch;

  constructor(options: AdminApiOptions) {
    this.#base = options.serverUrl.replace(/\/+$/, '');
    this.#token = options.adminToken;
    this.#fetch = options.fetch ?? fetch;
    this.description = `server ${this.#base}`;
  }

  async createTenant(input: { name: string; id?: string }): Promise<TenantRecord> {
    const reply = await this.#call('POST', '/admin/tenants', input, [201, 200]);
    const body = reply.body as { tenant: Tenant; tenantUrl: string };
    return { ...body.tenant, tenantUrl: body.tenantUrl };
  }

  async listTenants(): Promise<TenantRecord[]> {
    const reply = await this.#call('GET', '/admin/tenants', undefined, [200]);
    const tenants = (reply.body as { tenants: (Tenant & { tenantUrl?: string })[] }).tenants;
    const first = tenants.find((tenant) => tenant.tenantUrl === undefined);
    if (first === undefined) return tenants as TenantRecord[];
    // The list carries no Tenant URLs; every one is `{PUBLIC_URL}/scim/{id}/v2`, so one read gives the prefix.
    const prefix = (await this.#tenantUrlPrefix(first.id)) ?? `${this.#base}/scim/`;
    return tenants.map((tenant) => ({
      ...tenant,
      tenantUrl: tenant.tenantUrl ?? `${prefix}${encodeURIComponent(tenant.id)}/v2`,
    }));
  }

  async getTenant(tenantId: string): Promise<TenantRecord | undefined> {
    const reply = await this.#call(
      'GET',
      `/admin/tenants/${encodeURIComponent(tenantId)}`,
      undefined,
      [200, 404],
    );
    if (reply.status === 404) return undefined;
    const body = reply.body as { tenant: Tenant; tenantUrl: string };
    return { ...body.tenant, tenantUrl: body.tenantUrl };
  }

  async deleteTenant(tenantId: string): Promise<boolean> {
    const reply = await this.#call(
      'DELETE',
      `/admin/tenants/${encodeURIComponent(tenantId)}`,
      undefined,
      [204, 200, 404],
    );
    return reply.status !== 404;
  }

  async issueToken(
    tenantId: string,
    options: { description?: string; expiresAt?: Date },
  ): Promise<IssuedToken> {
    const body: Record<string, string> = {};
    if (options.description !== undefined) body.description = options.description;
    if (options.expiresAt !== undefined) body.expiresAt = options.expiresAt.toISOString();
    const reply = await this.#call('POST', `${this.#tenantPath(tenantId)}/tokens`, body, [201, 200]);
    const answer = reply.body as { token: TokenInfo; secret: string };
    return { token: answer.token, secret: answer.secret };
  }

  async listTokens(tenantId: string): Promise<TokenInfo[]> {
    const reply = await this.#call('GET', `${this.#tenantPath(tenantId)}/tokens`, undefined, [200]);
    return (reply.body as { tokens: TokenInfo[] }).tokens;
  }

  async revokeToken(tenantId: string, tokenId: string): Promise<boolean> {
    const path = `${this.#tenantPath(tenantId)}/tokens/${encodeURIComponent(tokenId)}`;
    const reply = await this.#call('DELETE', path, undefined, [204, 200, 404]);
    return reply.status !== 404;
  }

  async expireToken(tenantId: string, tokenId: string, expiresAt: Date): Promise<boolean> {
    const path = `${this.#tenantPath(tenantId)}/tokens/${encodeURIComponent(tokenId)}`;
    const reply = await this.#call('PATCH', path, { expiresAt: expiresAt.toISOString() }, [200, 204, 404]);
    return reply.status !== 404;
  }

  async events(tenantId: string, options: { since: number; limit: number }): Promise<ScimEvent[]> {
    const query = `?since=${options.since}&limit=${Math.min(options.limit, 1000)}`;
    const reply = await this.#call('GET', `${this.#tenantPath(tenantId)}/events${query}`, undefined, [200]);
    return (reply.body as { events: ScimEvent[] }).events;
  }

  async openDirectory(tenantId: string): Promise<Directory> {
    const tenant = await this.getTenant(tenantId);
    if (tenant === undefined)
      throw new CliError(`No tenant ${JSON.stringify(tenantId)} on ${this.description}.`);
    // A token for this session only: it expires on its own if the CLI is killed before revoking it.
    const issued = await this.issueToken(tenantId, {
      description: 'scimkit CLI session (revoked when done)',
      expiresAt: new Date(Date.now() + 6 * 3_600_000),
    });
    return new ScimHttpDirectory({
      tenantUrl: tenant.tenantUrl,
      token: issued.secret,
      fetch: this.#fetch,
      onClose: async () => {
        await this.revokeToken(tenantId, issued.token.id);
      },
    });
  }

  async close(): Promise<void> {}

  #tenantPath(tenantId: string): string {
    return `/admin/tenants/${encodeURIComponent(tenantId)}`;
  }

  async #tenantUrlPrefix(tenantId: string): Promise<string | undefined> {
    const tenant = await this.getTenant(tenantId);
    const suffix = `${encodeURIComponent(tenantId)}/v2`;
    return tenant?.tenantUrl.endsWith(suffix) === true
      ? tenant.tenantUrl.slice(0, -suffix.length)
      : undefined;
  }

  async #call(method: string, path: string, body: unknown, expected: readonly number[]): Promise<JsonReply> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const reply = await requestJson(this.#fetch, `${this.#base}${path}`, { method, headers, body });
    if (expected.includes(reply.status)) return reply;
    if (reply.status === 401 || reply.status === 403) {
      throw new CliError(`${this.description} rejected the admin token (HTTP ${reply.status}).`, {
        exitCode: EXIT.usage,
        hint: 'Pass the server’s ADMIN_TOKEN with --admin-token or SCIMKIT_ADMIN_TOKEN.',
      });
    }
    if (reply.status === 404 && path === '/admin/tenants') {
      throw new CliError(`${this.description} has no admin API at /admin (HTTP 404).`, {
        hint: 'The server enables /admin only when it is started with ADMIN_TOKEN set.',
      });
    }
    throw new CliError(`${method} ${path} failed: ${errorDetail(reply)}`);
  }
}
