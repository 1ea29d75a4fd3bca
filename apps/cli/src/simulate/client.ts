import type { Fetch } from '../_internal/http.ts';
import { networkReason } from '../_internal/http.ts';
import type { Recorder } from './recorder.ts';

/** One answer as the simulator saw it. */
export interface Reply {
  status: number;
  contentType: string;
  /** The parsed JSON body; `undefined` when empty or not JSON. */
  body: unknown;
  /** Set when no HTTP answer arrived (refused, reset, timed out). */
  networkError?: string;
  /** Set when the body was not empty but was not JSON either. */
  unparsable?: boolean;
  /** A 429's `Retry-After`, in milliseconds (bounded). */
  retryAfterMs?: number;
}

/** What to send. `path` is appended to the Tenant URL (`/Users?filter=…`). */
export interface SimRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Sent verbatim instead of `JSON.stringify(body)` (malformed-JSON checks). */
  rawBody?: string;
  contentType?: string;
  /** `null` sends no Authorization header; a string replaces the token. */
  token?: string | null;
}

/** Raised when the run has sent `maxRequests`; the scenario stops and reports it. */
export class RequestBudgetExceeded extends Error {
  constructor(limit: number) {
    super(`stopped after --max-requests ${limit}`);
    this.name = 'RequestBudgetExceeded';
  }
}

/** Options of `SimClient`. */
export interface SimClientOptions {
  tenantUrl: string;
  token: string;
  recorder: Recorder;
  fetch?: Fetch;
  timeoutMs: number;
  maxRequests: number;
  signal?: AbortSignal;
  /** Called after every request (progress). */
  onRequest?: () => void;
}

const MAX_THROTTLE_RETRIES = 3;

/**
 * The simulator's HTTP client. It only ever talks to the Tenant URL it was given: paths are
 * appended to it, redirects are not followed, and the `$ref`s and `Location`s a server returns
 * are never fetched. Query parameters already on the Tenant URL (`?aadOptscim062020`) ride on
 * every request, as they do with Entra. A 429 is waited out (as Entra suspends the job for
 * `Retry-After`) and retried.
 */
export class SimClient {
  readonly #base: string;
  readonly #query: string;
  readonly #options: SimClientOptions;
  readonly #fetch: Fetch;
  #sent = 0;
  throttled = 0;

  constructor(options: SimClientOptions) {
    const url = new URL(options.tenantUrl);
    this.#query = url.search.replace(/^\?/, '');
    url.search = '';
    url.hash = '';
    this.#base = url.toString().replace(/\/+$/, '');
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
  }

  get sent(): number {
    return this.#sent;
  }

  /** Sends `request` as `shape`, records its latency and returns the answer. */
  async send(shape: string, request: SimRequest): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      const reply = await this.#once(shape, request);
      if (reply.status !== 429 || attempt >= MAX_THROTTLE_RETRIES) return reply;
      this.throttled++;
      await sleep(reply.retryAfterMs ?? 1000, this.#options.signal);
    }
  }

  /**
   * Sends without recording or counting against checks: best-effort cleanup, which must run
   * even after Ctrl-C aborted the run, so only the timeout applies.
   */
  async sendUntracked(request: SimRequest): Promise<Reply> {
    return this.#exchange(request, false);
  }

  async #once(shape: string, request: SimRequest): Promise<Reply> {
    if (this.#sent >= this.#options.maxRequests) throw new RequestBudgetExceeded(this.#options.maxRequests);
    this.#sent++;
    const started = performance.now();
    const reply = await this.#exchange(request);
    this.#options.recorder.request(shape, performance.now() - started);
    this.#options.onRequest?.();
    return reply;
  }

  async #exchange(request: SimRequest, abortable = true): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/scim+json' };
    const token = request.token === undefined ? this.#options.token : request.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.rawBody !== undefined) body = request.rawBody;
    else if (request.body !== undefined) body = JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/scim+json';
    const signals = [AbortSignal.timeout(this.#options.timeoutMs)];
    if (abortable && this.#options.signal !== undefined) signals.push(this.#options.signal);
    const init: RequestInit = {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    };
    if (body !== undefined) init.body = body;
    try {
      const response = await this.#fetch(this.#url(request.path), init);
      const text = await response.text();
      const reply: Reply = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: undefined,
      };
      if (response.status === 429) reply.retryAfterMs = retryAfterMs(response.headers.get('retry-after'));
      if (text !== '') {
        try {
          reply.body = JSON.parse(text);
        } catch {
          reply.unparsable = true;
        }
      }
      return reply;
    } catch (error) {
      if (abortable && this.#options.signal?.aborted === true) throw error;
      return { status: 0, contentType: '', body: undefined, networkError: networkReason(error) };
    }
  }

  #url(path: string): string {
    if (this.#query === '') return `${this.#base}${path}`;
    return `${this.#base}${path}${path.includes('?') ? '&' : '?'}${this.#query}`;
  }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : 1000;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
