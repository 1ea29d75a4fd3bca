import { ScimError, type ScimStore } from '@scimkit/schema';
import { type AnyElysia, Elysia, type ElysiaAdapter } from 'elysia';
import packageJson from '../package.json' with { type: 'json' };
import { adminRoutes } from './admin/routes.ts';
import { DEFAULT_LIMITS, type Limits, type RateLimitConfig } from './config.ts';
import { openApiDocument } from './docs/openapi.ts';
import { authenticateTenant, bearerSecret, createSecretCheck } from './http/auth.ts';
import { type BodyLimits, readJsonBody } from './http/body.ts';
import { toScimError } from './http/errors.ts';
import type { Guard } from './http/guard.ts';
import { attachState, type RequestState, requestIdOf, stateOf } from './http/request-state.ts';
import { createResponders, type ResponseClass } from './http/respond.ts';
import { normalizePath, unmatchedRouteError } from './http/routes.ts';
import { describeError, LOG_RANK, type Logger, silentLogger } from './logger.ts';
import { createHealthState, type HealthState, opsRoutes } from './ops-routes.ts';
import type { OverloadGuard } from './overload.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { scimRoutes } from './scim/routes.ts';
import { findResourceType } from './scim/scope.ts';

/** Options of `createApp`. */
export interface AppOptions {
  /** Where tenants, tokens and resources live. */
  store: ScimStore;
  /** Base URL for `Location` headers and Tenant URLs; the request's origin when absent. */
  publicUrl?: string;
  /** Enables the admin API under `/admin`. */
  adminToken?: string;
  limits?: Partial<Limits>;
  /** Per-tenant rate limit; off when absent. */
  rateLimit?: RateLimitConfig | RateLimiter;
  /**
   * Server-wide overload shedding (see `createOverloadMonitor`): while it reports overload,
   * SCIM requests get a 429 with `Retry-After` before any work is done. Off when absent.
   */
  overload?: OverloadGuard;
  logger?: Logger;
  /** The Elysia adapter of the runtime (`node()` from `@elysiajs/node` on Node). */
  adapter?: ElysiaAdapter;
  /**
   * The `Response` class every answer is built with; the global `Response` when absent. On
   * Node, pass srvx's `FastResponse` (what `@elysiajs/node` itself answers with): it hands a
   * string body to `node:http` as it is, with a `Content-Length`, where Node's `Response`
   * wraps each body in a ReadableStream that is then sent chunked.
   */
  responseClass?: ResponseClass;
  /**
   * The bytes of a request body, if the runtime has a cheaper source of them than
   * `request.body`; `undefined` falls back to `request.body`. On Node, srvx's request hands
   * over Node's own request stream, which `request.body` would wrap in a ReadableStream.
   */
  bodySource?: (request: Request) => AsyncIterable<Uint8Array> | undefined;
  /** Flipped by the runtime entry point on shutdown; `/readyz` then answers 503. */
  health?: HealthState;
}

const SCIM_PATH = /^\/scim\/([^/]+)\/v2(?:\/|$)/;

/**
 * Creates the SCIM 2.0 server as an Elysia app. It touches no runtime API: the entry
 * points `main.node.ts`, `main.bun.ts` and `main.deno.ts` only start it, and tests call
 * `app.handle(new Request(…))`.
 *
 * Every request goes: request id → path clean-up → tenant authentication (before any body is
 * read) → rate limit → route, which first reads the body with one size-limited JSON parse;
 * every error becomes an RFC 7644 §3.12 body.
 */
export function createApp(options: AppOptions): AnyElysia {
  const { store } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? silentLogger;
  const health = options.health ?? createHealthState();
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const limiter =
    options.rateLimit === undefined
      ? undefined
      : 'take' in options.rateLimit
        ? options.rateLimit
        : createRateLimiter(options.rateLimit);
  const adminCheck = options.adminToken === undefined ? undefined : createSecretCheck(options.adminToken);
  const responders = createResponders(options.responseClass);

  // A 404 from Elysia's router: 405 when the path exists for another method.
  const unmatched = async (request: Request): Promise<ScimError> => {
    const { pathname } = new URL(request.url);
    const tenantId = stateOf(request).tenantId;
    if (tenantId === undefined) return unmatchedRouteError(request.method, pathname);
    const registry = await store.registry(tenantId);
    return unmatchedRouteError(
      request.method,
      pathname,
      (segment) => findResourceType(registry, segment) !== undefined,
    );
  };

  // Every failure is answered here, whether onRequest, a route or Elysia itself threw it.
  // Routes catch their own errors through `guard`: Elysia answers an error that has a
  // `toResponse()` (as ScimError has) by itself, skipping onError, and the Node adapter then
  // replaces the SCIM body with its own.
  const fail = async (
    error: unknown,
    request: Request,
    code: string | number = 'UNKNOWN',
  ): Promise<Response> => {
    const state = stateOf(request);
    const scimError = code === 'NOT_FOUND' ? await unmatched(request) : toScimError(code, error);
    if (scimError.status >= 500) {
      logger.error('request failed', {
        requestId: state.id,
        tenant: state.tenantId,
        ...describeError(scimError.cause ?? error),
      });
    }
    state.errorStatus = scimError.status;
    return responders(state.id).error(scimError);
  };
  // Routes answer with their own Response, built with the request id among its headers.
  // Through Elysia's `set.headers` instead, Elysia would copy every answer into a new Response
  // with merged headers, a cost paid on each request.
  const guard: Guard = async (request, run) => {
    try {
      return await run(responders(stateOf(request).id));
    } catch (error) {
      return fail(error, request);
    }
  };

  // The SCIM routes read their own bodies (see `scimRoutes`); a failure answers as a failed
  // Elysia parse would.
  const readBody = async (request: Request, bodyLimits: BodyLimits): Promise<unknown> => {
    try {
      return await readJsonBody(request, bodyLimits, options.bodySource?.(request) ?? request.body);
    } catch (error) {
      throw toScimError('PARSE', error);
    }
  };

  // One line per request; never the token, the query string or the body.
  const logRequest = (request: Request, status: number, route: string | undefined): void => {
    const state = stateOf(request);
    logger.info('request', {
      requestId: state.id,
      tenant: state.tenantId,
      method: request.method,
      route: route === '' || route === undefined ? 'unmatched' : route,
      status,
      durationMs: Math.round((performance.now() - state.startedAt) * 100) / 100,
    });
  };

  const app: AnyElysia = new Elysia(options.adapter === undefined ? {} : { adapter: options.adapter });

  /**
   * Before routing and before any body is read: path clean-up, then the tenant's bearer token
   * and rate limit, or the admin token. Returns a response to answer early, else `undefined`.
   * `path` is the one Elysia routes on, cut from the URL it has already read.
   */
  const admit = async (
    request: Request,
    path: string,
    state: RequestState,
  ): Promise<Response | undefined> => {
    if (path.includes('//')) {
      // Elysia's router does not match doubled slashes; answer as if the path were clean.
      state.redispatched = true;
      const url = new URL(request.url);
      url.pathname = normalizePath(url.pathname);
      const headers = new Headers(request.headers);
      headers.set('x-request-id', state.id);
      const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers };
      if (request.body !== null) {
        init.body = request.body;
        init.duplex = 'half';
      }
      return app.handle(new Request(url, init));
    }
    const scim = SCIM_PATH.exec(path);
    if (scim !== null) {
      const { overload } = options;
      if (overload?.overloaded() === true) {
        // Before the token check: shedding is for when even that costs too much.
        throw ScimError.tooManyRequests(
          `The server is overloaded; retry after ${overload.retryAfterSeconds} s.`,
          overload.retryAfterSeconds,
        );
      }
      const tenantId = decodeSegment(scim[1] ?? '').toLowerCase();
      await authenticateTenant(store, tenantId, request);
      state.tenantId = tenantId;
      const taken = limiter?.take(tenantId);
      if (taken !== undefined && !taken.allowed) {
        throw ScimError.tooManyRequests(
          `Too many requests for this tenant; retry after ${taken.retryAfterSeconds} s.`,
          taken.retryAfterSeconds,
        );
      }
    } else if (path === '/admin' || path.startsWith('/admin/')) {
      if (adminCheck === undefined) {
        throw ScimError.forbidden('The admin API is disabled: start the server with ADMIN_TOKEN set.');
      }
      if (!(await adminCheck(bearerSecret(request.headers.get('authorization'))))) {
        throw ScimError.unauthorized('The admin API needs "Authorization: Bearer <ADMIN_TOKEN>".');
      }
    }
    return undefined;
  };

  app
    .onRequest(async ({ request, path }) => {
      const state: RequestState = { id: requestIdOf(request), startedAt: performance.now() };
      attachState(request, state);
      // An early answer skips onAfterResponse, so it is logged here; a re-dispatched request
      // is logged by its own pass through these hooks.
      try {
        const early = await admit(request, path, state);
        if (early !== undefined && state.redispatched !== true) logRequest(request, early.status, undefined);
        return early;
      } catch (error) {
        const response = await fail(error, request);
        logRequest(request, response.status, undefined);
        return response;
      }
    })
    // No hook names Elysia's `set`: a hook that does makes Elysia copy every route's Response
    // into a new one with merged headers (`mapResponse`) instead of sending it as it is.
    .onError(({ code, error, request }) => fail(error, request, code));
  // The request line is an info line: a logger set above that level would drop it, so the hook
  // (which Elysia schedules with a setImmediate per request) is not registered at all.
  if (!((LOG_RANK[logger.level] ?? 0) > LOG_RANK.info)) {
    app.onAfterResponse(({ request, response, route }) => {
      // Every answer is a Response (routes and `fail` build them), so its status is the one sent.
      const status = stateOf(request).errorStatus ?? (response instanceof Response ? response.status : 200);
      logRequest(request, status, route);
    });
  }

  app.use(scimRoutes({ store, limits, publicUrl, guard, readBody }));
  app.use(
    adminRoutes({
      store,
      guard,
      // Elysia parses the admin routes' bodies (they declare schemas), and has opened
      // `request.body` by then: no other source of the bytes.
      parseBody: (request) =>
        readJsonBody(request, { maxBytes: limits.maxBodyBytes, maxDepth: limits.maxJsonDepth }),
      tenantUrl: (request, tenantId) => `${publicUrl ?? new URL(request.url).origin}/scim/${tenantId}/v2`,
    }),
  );
  const openApi = openApiDocument(
    publicUrl === undefined ? { version: packageJson.version } : { publicUrl, version: packageJson.version },
  );
  app.use(opsRoutes({ store, health, openApi, guard }));
  return app;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
