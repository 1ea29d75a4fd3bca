import { listResponse, type QueryOptions, type ResourceTypeDefinition, ScimError } from '@scimkit/schema';
import type { Responder } from '../http/respond.ts';
import { createProjector, excludesMembers } from './projection.ts';
import { listQueryFromSearch, listQueryFromUrl, type QueryParams, queryParameters } from './query.ts';
import { located, resourceTypeAt, type ScimDeps, type TenantScope, tenantScope } from './scope.ts';

/** GET /{resourceType}?filter=… (RFC 7644 §3.4.2): always a 200 ListResponse, never a 404. */
export async function handleList(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  resourceType: string,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const type = resourceTypeAt(scope, resourceType, request);
  return scope.respond.scimJson(
    await search(scope, type, listQueryFromUrl(queryParameters(request), scope.limits)),
  );
}

/** POST /{resourceType}/.search (§3.4.3). */
export async function handleTypeSearch(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  resourceType: string,
  body: unknown,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const type = resourceTypeAt(scope, resourceType, request);
  return scope.respond.scimJson(await search(scope, type, listQueryFromSearch(body, scope.limits)));
}

/**
 * POST /.search at the root (§3.4.3): every resource type of the tenant, one after another
 * in registry order, paged as one list. Sorting applies within each type.
 */
export async function handleRootSearch(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  body: unknown,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const query = listQueryFromSearch(body, scope.limits);
  if (query.cursor !== undefined) {
    throw ScimError.invalidValue(
      'Cursor paging is not available for a search across resource types; use startIndex.',
    );
  }
  const resources: Record<string, unknown>[] = [];
  let totalResults = 0;
  let skip = query.startIndex - 1;
  let remaining = query.count;
  for (const type of scope.registry.resourceTypes()) {
    const project = createProjector(scope.registry, type.name, query);
    const result = await scope.store.query(scope.ctx, type.name, {
      ...storeQuery(scope, type, query),
      startIndex: skip + 1,
      count: remaining,
    });
    totalResults += result.totalResults;
    skip = Math.max(0, skip - result.totalResults);
    remaining -= result.resources.length;
    for (const resource of result.resources) resources.push(project(located(scope, type, resource)));
  }
  return scope.respond.scimJson(listResponse(resources, { totalResults, startIndex: query.startIndex }));
}

async function search(scope: TenantScope, type: ResourceTypeDefinition, query: QueryParams) {
  // Building the projector first rejects a bad attribute list before the query runs.
  const project = createProjector(scope.registry, type.name, query);
  const result = await scope.store.query(scope.ctx, type.name, storeQuery(scope, type, query));
  const page: { totalResults: number; startIndex: number; nextCursor?: string } = {
    totalResults: result.totalResults,
    startIndex: result.startIndex,
  };
  if (result.nextCursor !== undefined) page.nextCursor = result.nextCursor;
  return listResponse(
    result.resources.map((resource) => project(located(scope, type, resource))),
    page,
  );
}

function storeQuery(scope: TenantScope, type: ResourceTypeDefinition, query: QueryParams): QueryOptions {
  const options: QueryOptions = {
    count: query.count,
    excludeMembers: excludesMembers(scope.registry, type.name, query),
  };
  // RFC 9865: a cursor query pages by cursor only.
  if (query.cursor === undefined) options.startIndex = query.startIndex;
  if (query.filter !== undefined) options.filter = query.filter;
  if (query.sortBy !== undefined) options.sortBy = query.sortBy;
  if (query.sortOrder !== undefined) options.sortOrder = query.sortOrder;
  if (query.cursor !== undefined) options.cursor = query.cursor;
  return options;
}
