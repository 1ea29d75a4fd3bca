import type {
  RequestContext,
  ResourceTypeDefinition,
  SchemaRegistry,
  ScimResource,
  ScimStore,
} from '@scimkit/schema';
import type { Limits } from '../config.ts';
import type { BodyLimits } from '../http/body.ts';
import type { Guard } from '../http/guard.ts';
import { stateOf } from '../http/request-state.ts';
import type { Responder } from '../http/respond.ts';
import { unmatchedRouteError } from '../http/routes.ts';

/** What the SCIM handlers need from the app. */
export interface ScimDeps {
  store: ScimStore;
  limits: Limits;
  /** Base URL for `Location` and `meta.location`; the request's origin when absent. */
  publicUrl: string | undefined;
  /** Hands each route its request's responder and answers whatever a route throws. */
  guard: Guard;
  /** Reads a request's JSON body within `limits` (see `readJsonBody`). */
  readBody: (request: Request, limits: BodyLimits) => Promise<unknown>;
}

/** One authenticated request's view of its tenant. */
export interface TenantScope {
  store: ScimStore;
  registry: SchemaRegistry;
  limits: Limits;
  tenantId: string;
  /** The Tenant URL: `{publicUrl}/scim/{tenant}/v2`. */
  baseUrl: string;
  ctx: RequestContext;
  respond: Responder;
}

/** The scope of an authenticated `/scim/{tenant}/v2` request. */
export async function tenantScope(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
): Promise<TenantScope> {
  const state = stateOf(request);
  const tenantId = state.tenantId;
  // The onRequest hook authenticates every /scim path; reaching here without it is a bug.
  if (tenantId === undefined) throw new Error('tenantScope called on an unauthenticated request');
  const origin = deps.publicUrl ?? new URL(request.url).origin;
  return {
    store: deps.store,
    registry: await deps.store.registry(tenantId),
    limits: deps.limits,
    tenantId,
    baseUrl: `${origin}/scim/${encodeURIComponent(tenantId)}/v2`,
    ctx: { tenantId, requestId: state.id },
    respond,
  };
}

/**
 * The resource type whose endpoint is `/{segment}`, case-insensitively; a 404 (or 405 when
 * the path exists for other methods) otherwise.
 */
export function resourceTypeAt(
  scope: TenantScope,
  segment: string,
  request: Request,
): ResourceTypeDefinition {
  const type = findResourceType(scope.registry, segment);
  if (type === undefined) {
    throw unmatchedRouteError(
      request.method,
      new URL(request.url).pathname,
      (name) => findResourceType(scope.registry, name) !== undefined,
    );
  }
  return type;
}

/** The resource type served at `/{segment}`, if any. */
export function findResourceType(
  registry: SchemaRegistry,
  segment: string,
): ResourceTypeDefinition | undefined {
  const wanted = `/${segment}`.toLowerCase();
  return registry.resourceTypes().find((type) => type.endpoint.toLowerCase() === wanted);
}

/**
 * The registry to project `resource` with: a write may have registered a custom extension
 * (Entra sends them undeclared), which the registry read before the write does not know.
 */
export async function registryFor(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  resource: ScimResource,
): Promise<SchemaRegistry> {
  const unknown = Object.keys(resource).some(
    (key) => /^urn:/i.test(key) && scope.registry.extension(type.name, key) === undefined,
  );
  if (unknown) scope.registry = await scope.store.registry(scope.tenantId);
  return scope.registry;
}

/** The URL of a resource: `{Tenant URL}{endpoint}/{id}`. */
export function resourceLocation(scope: TenantScope, type: ResourceTypeDefinition, id: string): string {
  return `${scope.baseUrl}${type.endpoint}/${encodeURIComponent(id)}`;
}

/**
 * A copy of `resource` whose `meta.location` is its URL under this Tenant URL, and whose
 * `members` and `groups` carry the `$ref` URLs of RFC 7643 §4.1.2 and §4.2.
 */
export function located(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  resource: ScimResource,
): ScimResource {
  const copy: ScimResource = {
    ...resource,
    meta: { ...resource.meta, location: resourceLocation(scope, type, resource.id) },
  };
  if (Array.isArray(resource.members)) copy.members = withRefs(scope, resource.members, 'User');
  if (Array.isArray(resource.groups)) copy.groups = withRefs(scope, resource.groups, 'Group');
  return copy;
}

function withRefs(scope: TenantScope, references: unknown[], defaultType: string): unknown[] {
  return references.map((reference) => {
    if (reference === null || typeof reference !== 'object') return reference;
    const { value, type } = reference as { value?: unknown; type?: unknown };
    if (typeof value !== 'string') return reference;
    // A user's `groups[].type` says direct/indirect; only a member's type names a resource type.
    const target =
      (typeof type === 'string' ? scope.registry.resourceType(type) : undefined) ??
      scope.registry.resourceType(defaultType);
    if (target === undefined) return reference;
    return { ...reference, $ref: resourceLocation(scope, target, value) };
  });
}
