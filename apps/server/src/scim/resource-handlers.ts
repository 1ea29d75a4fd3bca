import type { ResourceTypeDefinition, ScimResource } from '@scimkit/schema';
import { matchesAny, parseEntityTags } from '../http/etag.ts';
import type { Responder } from '../http/respond.ts';
import { unmatchedRouteError } from '../http/routes.ts';
import {
  createResource,
  deleteResource,
  patchResource,
  readResource,
  replaceResource,
} from './operations.ts';
import { createProjector, excludesMembers } from './projection.ts';
import { type Projection, projectionFromQuery, queryParameters } from './query.ts';
import { registryFor, resourceTypeAt, type ScimDeps, type TenantScope, tenantScope } from './scope.ts';

/** Route parameters of `/scim/:tenant/v2/:resourceType[/:id]`. */
export interface ResourceParams {
  resourceType: string;
  id?: string;
}

interface Resolved {
  scope: TenantScope;
  type: ResourceTypeDefinition;
  projection: Projection;
}

async function resolve(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
): Promise<Resolved> {
  const scope = await tenantScope(deps, request, respond);
  const type = resourceTypeAt(scope, params.resourceType, request);
  // `/Users/.search` matches `/:resourceType/:id` for other methods than POST: a 405, not an id.
  if (params.id === '.search') throw unmatchedRouteError(request.method, new URL(request.url).pathname);
  return { scope, type, projection: projectionFromQuery(queryParameters(request)) };
}

function headersFor(resource: ScimResource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta.location !== undefined) headers.location = resource.meta.location;
  if (resource.meta.version !== undefined) headers.etag = resource.meta.version;
  return headers;
}

async function respondWith(resolved: Resolved, resource: ScimResource, status: number): Promise<Response> {
  const registry = await registryFor(resolved.scope, resolved.type, resource);
  const project = createProjector(registry, resolved.type.name, resolved.projection);
  return resolved.scope.respond.scimJson(project(resource), status, headersFor(resource));
}

/** POST /{resourceType} → 201 with `Location` and `ETag` (RFC 7644 §3.3). */
export async function handleCreate(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
  body: unknown,
): Promise<Response> {
  const resolved = await resolve(deps, request, respond, params);
  // Check the projection before writing: a bad `attributes` must not leave a created resource behind.
  createProjector(resolved.scope.registry, resolved.type.name, resolved.projection);
  const resource = await createResource(resolved.scope, resolved.type, body);
  return respondWith(resolved, resource, 201);
}

/** GET /{resourceType}/{id} → 200, or 304 when `If-None-Match` names the current version (§3.14). */
export async function handleRead(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
): Promise<Response> {
  const resolved = await resolve(deps, request, respond, params);
  const project = createProjector(resolved.scope.registry, resolved.type.name, resolved.projection);
  const resource = await readResource(resolved.scope, resolved.type, params.id!, {
    excludeMembers: excludesMembers(resolved.scope.registry, resolved.type.name, resolved.projection),
  });
  const ifNoneMatch = parseEntityTags(request.headers.get('if-none-match'));
  if (ifNoneMatch !== undefined && matchesAny(ifNoneMatch, resource.meta.version)) {
    return resolved.scope.respond.empty(304, headersFor(resource));
  }
  return resolved.scope.respond.scimJson(project(resource), 200, headersFor(resource));
}

/** PUT /{resourceType}/{id} → 200 (§3.5.1); `If-Match` → 412 on a stale version. */
export async function handleReplace(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
  body: unknown,
): Promise<Response> {
  const resolved = await resolve(deps, request, respond, params);
  createProjector(resolved.scope.registry, resolved.type.name, resolved.projection);
  const resource = await replaceResource(
    resolved.scope,
    resolved.type,
    params.id!,
    body,
    parseEntityTags(request.headers.get('if-match')),
  );
  return respondWith(resolved, resource, 200);
}

/**
 * PATCH /{resourceType}/{id} (§3.5.2). Users answer 200 with the full resource (Entra reads it);
 * groups answer 204 unless the client asked for attributes, so a membership change never
 * reads or serialises the member list.
 */
export async function handlePatch(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
  body: unknown,
): Promise<Response> {
  const resolved = await resolve(deps, request, respond, params);
  const { registry } = resolved.scope;
  const withContent = answersPatchWithContent(resolved.type, resolved.projection);
  if (withContent) createProjector(registry, resolved.type.name, resolved.projection);
  const excludeMembers = withContent
    ? excludesMembers(registry, resolved.type.name, resolved.projection)
    : true;
  const resource = await patchResource(
    resolved.scope,
    resolved.type,
    params.id!,
    body,
    parseEntityTags(request.headers.get('if-match')),
    { excludeMembers },
  );
  if (!withContent) return resolved.scope.respond.empty(204, headersFor(resource));
  return respondWith(resolved, resource, 200);
}

/** DELETE /{resourceType}/{id} → 204 (§3.6). */
export async function handleDelete(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  params: ResourceParams,
): Promise<Response> {
  const resolved = await resolve(deps, request, respond, params);
  await deleteResource(
    resolved.scope,
    resolved.type,
    params.id!,
    parseEntityTags(request.headers.get('if-match')),
  );
  return resolved.scope.respond.empty(204);
}

function answersPatchWithContent(type: ResourceTypeDefinition, projection: Projection): boolean {
  if (type.name !== 'Group') return true;
  return projection.attributes.length > 0 || projection.excludedAttributes.length > 0;
}
