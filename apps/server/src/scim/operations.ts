import { readPatchRequest } from '@scimkit/patch';
import {
  describeProblem,
  describeValue,
  isPlainObject,
  type ReadOptions,
  type ResourceTypeDefinition,
  ScimError,
  type ScimResource,
  type WriteOptions,
} from '@scimkit/schema';
import { type EntityTagList, matchesAny } from '../http/etag.ts';
import { located, type TenantScope } from './scope.ts';

/**
 * The resource operations of RFC 7644 §3.3–§3.6, shared by the HTTP routes and `/Bulk`.
 * Each returns the resource with `meta.location` set; the callers choose status codes,
 * headers and projection.
 */

/** POST: creates a resource (§3.3). */
export async function createResource(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  data: unknown,
): Promise<ScimResource> {
  requireBody(data, `a ${type.name} JSON object`);
  return located(scope, type, await scope.store.create(scope.ctx, type.name, data));
}

/** GET by id (§3.4.1); a 404 when the id is unknown in this tenant. */
export async function readResource(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  id: string,
  options: ReadOptions = {},
): Promise<ScimResource> {
  const resource = await scope.store.get(scope.ctx, type.name, id, options);
  if (resource === undefined) throw notFound(type, id);
  return located(scope, type, resource);
}

/** PUT (§3.5.1). */
export async function replaceResource(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  id: string,
  data: unknown,
  ifMatch: EntityTagList | undefined,
): Promise<ScimResource> {
  requireBody(data, `a ${type.name} JSON object`);
  const options = await writeOptions(scope, type, id, ifMatch);
  return located(scope, type, await scope.store.replace(scope.ctx, type.name, id, data, options));
}

/** PATCH (§3.5.2): the resource after the operations, and whether anything changed. */
export async function patchResource(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  id: string,
  body: unknown,
  ifMatch: EntityTagList | undefined,
  read: ReadOptions = {},
): Promise<ScimResource> {
  // The envelope is checked here, before any read; each operation is the PATCH engine's to judge.
  const operations = readPatchRequest(body);
  const options = await writeOptions(scope, type, id, ifMatch);
  const outcome = await scope.store.patch(scope.ctx, type.name, id, operations, { ...options, ...read });
  return located(scope, type, outcome.resource);
}

/** DELETE (§3.6). */
export async function deleteResource(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  id: string,
  ifMatch: EntityTagList | undefined,
): Promise<void> {
  const options = await writeOptions(scope, type, id, ifMatch);
  await scope.store.delete(scope.ctx, type.name, id, options);
}

/** A 404 naming the resource type and id. */
export function notFound(type: ResourceTypeDefinition, id: string): ScimError {
  const shown = id.length > 100 ? `${id.slice(0, 100)}…` : id;
  return ScimError.notFound(`${type.name} ${JSON.stringify(shown)} not found.`);
}

/**
 * RFC 7644 §3.14 `If-Match`: one tag goes to the store, which compares it with the version
 * inside the write's transaction; `*` only needs the resource to exist (the store 404s);
 * a list of tags is checked against the current version here first.
 */
async function writeOptions(
  scope: TenantScope,
  type: ResourceTypeDefinition,
  id: string,
  tags: EntityTagList | undefined,
): Promise<WriteOptions> {
  if (tags === undefined || tags === '*') return {};
  if (tags.length === 1) return { ifMatch: tags[0]! };
  const current = await scope.store.get(scope.ctx, type.name, id, { excludeMembers: true });
  if (current === undefined) throw notFound(type, id);
  if (!matchesAny(tags, current.meta.version)) throw versionMismatch();
  return { ifMatch: current.meta.version };
}

/** 412: the client's version is stale. */
export function versionMismatch(): ScimError {
  return ScimError.preconditionFailed('The resource has changed: its version does not match If-Match.');
}

function requireBody(data: unknown, expected: string): asserts data is Record<string, unknown> {
  if (!isPlainObject(data)) {
    throw ScimError.invalidSyntax(
      describeProblem({ failed: 'The request body is not valid', expected, found: describeValue(data) }),
    );
  }
}
