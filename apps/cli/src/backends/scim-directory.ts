import { type PatchOperation, ScimError, type ScimResource, type ScimType, URN } from '@scimkit/schema';
import { errorDetail, type Fetch, type JsonReply, requestJson } from '../_internal/http.ts';
import { mapPool } from '../_internal/pool.ts';
import { CliError } from '../errors.ts';
import type { Directory, ResourceKind } from './backend.ts';

const ENDPOINT: Record<ResourceKind, string> = { User: '/Users', Group: '/Groups' };
const CONCURRENCY = 8;
const MAX_RETRIES = 5;

interface BulkLimits {
  maxOperations: number;
  maxPayloadSize: number;
}

/**
 * A tenant's resources over its SCIM endpoint: `/Bulk` for batches when the server offers it
 * (else concurrent POSTs), index paging for reads, and 429s waited out as `Retry-After` asks.
 */
export class ScimHttpDirectory implements Directory {
  readonly batchSize = 500;
  // About 60 kB of JSON: far below the usual 1 MB body limit.
  readonly membersPerPatch = 1000;
  readonly #base: string;
  readonly #query: string;
  readonly #token: string;
  readonly #fetch: Fetch;
  readonly #onClose: () => Promise<void>;
  #bulk: Promise<BulkLimits | undefined> | undefined;

  constructor(options: { tenantUrl: string; token: string; fetch?: Fetch; onClose?: () => Promise<void> }) {
    const url = new URL(options.tenantUrl);
    this.#query = url.search.replace(/^\?/, '');
    url.search = '';
    this.#base = url.toString().replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? fetch;
    this.#onClose = options.onClose ?? (async () => {});
  }

  async createMany(kind: ResourceKind, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    this.#bulk ??= this.#bulkLimits();
    const bulk = await this.#bulk;
    if (bulk === undefined || inputs.length === 1) {
      return mapPool(inputs, CONCURRENCY, async (input) => {
        const reply = await this.#send('POST', ENDPOINT[kind], input, [201]);
        return (reply.body as ScimResource).id;
      });
    }
    const ids: string[] = [];
    for (const batch of this.#bulkBatches(kind, inputs, bulk))
      ids.push(...(await this.#postBulk(kind, batch)));
    return ids;
  }

  async patch(kind: ResourceKind, id: string, operations: readonly PatchOperation[]): Promise<void> {
    const body = { schemas: [URN.PatchOp], Operations: operations };
    await this.#send('PATCH', `${ENDPOINT[kind]}/${encodeURIComponent(id)}`, body, [200, 204]);
  }

  async *pages(
    kind: ResourceKind,
    options: { excludeMembers?: boolean } = {},
  ): AsyncIterable<ScimResource[]> {
    // Groups carry their members: smaller pages keep one answer from growing too large.
    const count = kind === 'Group' && options.excludeMembers !== true ? 50 : 500;
    let startIndex = 1;
    for (;;) {
      const params = new URLSearchParams({ startIndex: String(startIndex), count: String(count) });
      if (options.excludeMembers === true) params.set('excludedAttributes', 'members');
      const reply = await this.#send('GET', `${ENDPOINT[kind]}?${params}`, undefined, [200]);
      const page = reply.body as { Resources?: ScimResource[]; totalResults?: number };
      const resources = page.Resources ?? [];
      if (resources.length === 0) return;
      yield resources;
      startIndex += resources.length;
      if (page.totalResults !== undefined && startIndex > page.totalResults) return;
    }
  }

  async find(kind: ResourceKind, filter: string): Promise<ScimResource[]> {
    const params = new URLSearchParams({ filter });
    if (kind === 'Group') params.set('excludedAttributes', 'members');
    const reply = await this.#send('GET', `${ENDPOINT[kind]}?${params}`, undefined, [200]);
    return (reply.body as { Resources?: ScimResource[] }).Resources ?? [];
  }

  async get(kind: ResourceKind, id: string): Promise<ScimResource | undefined> {
    const reply = await this.#send(
      'GET',
      `${ENDPOINT[kind]}/${encodeURIComponent(id)}`,
      undefined,
      [200, 404],
    );
    return reply.status === 404 ? undefined : (reply.body as ScimResource);
  }

  async close(): Promise<void> {
    await this.#onClose();
  }

  async #bulkLimits(): Promise<BulkLimits | undefined> {
    const reply = await this.#send('GET', '/ServiceProviderConfig', undefined, [200, 404]);
    const bulk = (reply.body as { bulk?: { supported?: boolean } & Partial<BulkLimits> } | undefined)?.bulk;
    if (bulk?.supported !== true || (bulk.maxOperations ?? 0) < 2) return undefined;
    return {
      maxOperations: Math.min(bulk.maxOperations ?? 100, 1000),
      maxPayloadSize: bulk.maxPayloadSize ?? 1_048_576,
    };
  }

  /** Splits inputs so that each `/Bulk` request stays under both advertised limits. */
  *#bulkBatches(
    kind: ResourceKind,
    inputs: readonly Record<string, unknown>[],
    limits: BulkLimits,
  ): Generator<Record<string, unknown>[]> {
    // Leave room for the envelope and each operation's method, path and bulkId.
    const budget = limits.maxPayloadSize * 0.9;
    let batch: Record<string, unknown>[] = [];
    let size = 200;
    for (const input of inputs) {
      const bytes = Buffer.byteLength(JSON.stringify(input)) + 100 + ENDPOINT[kind].length;
      if (batch.length > 0 && (batch.length >= limits.maxOperations || size + bytes > budget)) {
        yield batch;
        batch = [];
        size = 200;
      }
      batch.push(input);
      size += bytes;
    }
    if (batch.length > 0) yield batch;
  }

  async #postBulk(kind: ResourceKind, batch: readonly Record<string, unknown>[]): Promise<string[]> {
    const body = {
      schemas: [URN.BulkRequest],
      failOnErrors: 1,
      Operations: batch.map((data, index) => ({
        method: 'POST',
        bulkId: `b${index}`,
        path: ENDPOINT[kind],
        data,
      })),
    };
    const reply = await this.#send('POST', '/Bulk', body, [200]);
    const operations =
      (
        reply.body as {
          Operations?: { bulkId?: string; status?: string | number; location?: string; response?: unknown }[];
        }
      ).Operations ?? [];
    const byBulkId = new Map(operations.map((operation) => [operation.bulkId, operation]));
    return batch.map((data, index) => {
      const operation = byBulkId.get(`b${index}`);
      const status = Number(operation?.status ?? 0);
      if (operation === undefined) {
        throw new CliError(
          `Creating ${describe(kind, data)} failed: no result (the bulk request stopped early).`,
        );
      }
      if (status !== 201) {
        throw remoteError(`Creating ${describe(kind, data)} failed`, {
          status,
          headers: new Headers(),
          body: operation.response,
        });
      }
      const id =
        (operation.response as { id?: string } | undefined)?.id ??
        decodeURIComponent(operation.location?.split('/').pop() ?? '');
      if (id === '') throw new CliError(`Creating ${describe(kind, data)} returned no location.`);
      return id;
    });
  }

  async #send(method: string, path: string, body: unknown, expected: readonly number[]): Promise<JsonReply> {
    const url = `${this.#base}${path}${this.#query === '' ? '' : `${path.includes('?') ? '&' : '?'}${this.#query}`}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: 'application/scim+json, application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/scim+json';
    for (let attempt = 0; ; attempt++) {
      const reply = await requestJson(this.#fetch, url, { method, headers, body });
      if (expected.includes(reply.status)) return reply;
      if (reply.status === 429 && attempt < MAX_RETRIES) {
        await sleep(retryAfterMs(reply.headers.get('retry-after')));
        continue;
      }
      const what = body === undefined ? `${method} ${path.split('?')[0]}` : describeBody(method, path, body);
      throw remoteError(`${what} failed`, reply);
    }
  }
}

/**
 * The server's SCIM error as a `ScimError`, so callers treat a 409 from a server exactly like
 * one from the store; anything else (a proxy's HTML page, a 5xx) as a plain failure.
 */
function remoteError(what: string, reply: JsonReply): Error {
  const scimType = (reply.body as { scimType?: unknown } | undefined)?.scimType;
  if (reply.status >= 400 && reply.status < 500) {
    return new ScimError(
      reply.status,
      `${what}: ${errorDetail(reply)}`,
      typeof scimType === 'string' ? (scimType as ScimType) : undefined,
    );
  }
  return new CliError(`${what}: ${errorDetail(reply)}`);
}

function describe(kind: ResourceKind, data: Record<string, unknown>): string {
  const name = kind === 'User' ? data.userName : data.displayName;
  return `${kind.toLowerCase()} ${JSON.stringify(name)}`;
}

function describeBody(method: string, path: string, body: unknown): string {
  if (method === 'POST' && path === '/Users')
    return `Creating user ${JSON.stringify((body as { userName?: unknown }).userName)}`;
  if (method === 'POST' && path === '/Groups')
    return `Creating group ${JSON.stringify((body as { displayName?: unknown }).displayName)}`;
  return `${method} ${path.split('?')[0]}`;
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  // Bounded: a hostile or confused server must not park the CLI for hours.
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
