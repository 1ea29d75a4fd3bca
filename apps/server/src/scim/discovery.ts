import {
  BEARER_TOKEN_SCHEME,
  buildResourceTypeDocuments,
  buildSchemaDocuments,
  buildServiceProviderConfig,
  type Capabilities,
  listResponse,
  ScimError,
} from '@scimkit/schema';
import type { Responder } from '../http/respond.ts';
import { queryParameters } from './query.ts';
import { type ScimDeps, tenantScope } from './scope.ts';

/**
 * What this server really supports: the validator exercises everything advertised, so each
 * flag here must be backed by a route and a test.
 */
export function capabilities(deps: ScimDeps, documentationUri: string | undefined): Capabilities {
  const result: Capabilities = {
    patch: true,
    bulk: {
      supported: true,
      maxOperations: deps.limits.bulkMaxOperations,
      maxPayloadSize: deps.limits.bulkMaxPayloadBytes,
    },
    filter: { supported: true, maxResults: deps.limits.maxPageSize },
    changePassword: false,
    sort: true,
    etag: true,
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: deps.limits.defaultPageSize,
      maxPageSize: deps.limits.maxPageSize,
    },
    authenticationSchemes: [BEARER_TOKEN_SCHEME],
  };
  if (documentationUri !== undefined) result.documentationUri = documentationUri;
  return result;
}

/** GET /ServiceProviderConfig (RFC 7644 §4, RFC 7643 §5). */
export async function handleServiceProviderConfig(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const docs = `${deps.publicUrl ?? new URL(request.url).origin}/docs`;
  return scope.respond.scimJson(
    buildServiceProviderConfig(capabilities(deps, docs), { baseUrl: scope.baseUrl }),
  );
}

/** GET /Schemas and /Schemas/{id} (RFC 7644 §4): the tenant's schemas, extensions included. */
export async function handleSchemas(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  id: string | undefined,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const documents = buildSchemaDocuments(scope.registry, { baseUrl: scope.baseUrl });
  return discoveryAnswer(scope.respond, request, documents, id, 'Schema');
}

/** GET /ResourceTypes and /ResourceTypes/{id} (RFC 7644 §4). */
export async function handleResourceTypes(
  deps: ScimDeps,
  request: Request,
  respond: Responder,
  id: string | undefined,
): Promise<Response> {
  const scope = await tenantScope(deps, request, respond);
  const documents = buildResourceTypeDocuments(scope.registry, { baseUrl: scope.baseUrl });
  return discoveryAnswer(scope.respond, request, documents, id, 'ResourceType');
}

function discoveryAnswer(
  respond: Responder,
  request: Request,
  documents: Record<string, unknown>[],
  id: string | undefined,
  kind: string,
): Response {
  // RFC 7644 §4: discovery endpoints do not filter; a filter gets 403 rather than being ignored.
  if (queryParameters(request).has('filter')) {
    throw ScimError.forbidden(`Filtering is not supported on the ${kind} discovery endpoint.`);
  }
  if (id === undefined)
    return respond.scimJson(listResponse(documents, { totalResults: documents.length, startIndex: 1 }));
  const wanted = id.toLowerCase();
  const found = documents.find((document) => String(document.id).toLowerCase() === wanted);
  if (found === undefined) throw ScimError.notFound(`${kind} ${JSON.stringify(id.slice(0, 200))} not found.`);
  return respond.scimJson(found);
}
