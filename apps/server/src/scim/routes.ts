import { ScimError } from '@scimkit/schema';
import { type AnyElysia, Elysia } from 'elysia';
import { handleBulk } from './bulk.ts';
import { handleResourceTypes, handleSchemas, handleServiceProviderConfig } from './discovery.ts';
import {
  handleCreate,
  handleDelete,
  handlePatch,
  handleRead,
  handleReplace,
  type ResourceParams,
} from './resource-handlers.ts';
import type { ScimDeps } from './scope.ts';
import { handleList, handleRootSearch, handleTypeSearch } from './search-handlers.ts';

/** The prefix of every SCIM route: the Tenant URL an admin pastes into Entra. */
export const SCIM_PREFIX = '/scim/:tenant/v2';

/**
 * Registers the SCIM 2.0 endpoints (RFC 7644 §3 and §4) under `/scim/:tenant/v2`. The
 * onRequest hook has authenticated the tenant before any of these run; static segments
 * (`/Bulk`, `/Schemas`, `/.search`) win over `/:resourceType` in Elysia's router.
 */
export function scimRoutes(deps: ScimDeps): AnyElysia {
  const { guard } = deps;
  const resource = (params: { resourceType: string; id?: string }): ResourceParams =>
    params.id === undefined
      ? { resourceType: params.resourceType }
      : { resourceType: params.resourceType, id: params.id };
  const notImplemented = ({ request }: { request: Request }) =>
    guard(request, async () => {
      throw ScimError.notImplemented(
        '/Me is not supported: this service provider authenticates clients, not users.',
      );
    });
  const base = SCIM_PREFIX;
  return (
    new Elysia({ name: 'scimkit/scim' })
      .get(`${base}/ServiceProviderConfig`, ({ request }) =>
        guard(request, () => handleServiceProviderConfig(deps, request)),
      )
      .get(`${base}/Schemas`, ({ request }) => guard(request, () => handleSchemas(deps, request, undefined)))
      .get(`${base}/Schemas/:id`, ({ request, params }) =>
        guard(request, () => handleSchemas(deps, request, params.id)),
      )
      .get(`${base}/ResourceTypes`, ({ request }) =>
        guard(request, () => handleResourceTypes(deps, request, undefined)),
      )
      .get(`${base}/ResourceTypes/:id`, ({ request, params }) =>
        guard(request, () => handleResourceTypes(deps, request, params.id)),
      )
      // Each method explicitly: a dynamic GET /:resourceType would win over an `all` route.
      .get(`${base}/Me`, notImplemented)
      .post(`${base}/Me`, notImplemented)
      .put(`${base}/Me`, notImplemented)
      .patch(`${base}/Me`, notImplemented)
      .delete(`${base}/Me`, notImplemented)
      .post(`${base}/Bulk`, ({ request, body }) => guard(request, () => handleBulk(deps, request, body)))
      .post(`${base}/.search`, ({ request, body }) =>
        guard(request, () => handleRootSearch(deps, request, body)),
      )
      .post(`${base}/:resourceType/.search`, ({ request, params, body }) =>
        guard(request, () => handleTypeSearch(deps, request, params.resourceType, body)),
      )
      .get(`${base}/:resourceType`, ({ request, params }) =>
        guard(request, () => handleList(deps, request, params.resourceType)),
      )
      .post(`${base}/:resourceType`, ({ request, params, body }) =>
        guard(request, () => handleCreate(deps, request, resource(params), body)),
      )
      .get(`${base}/:resourceType/:id`, ({ request, params }) =>
        guard(request, () => handleRead(deps, request, resource(params))),
      )
      .put(`${base}/:resourceType/:id`, ({ request, params, body }) =>
        guard(request, () => handleReplace(deps, request, resource(params), body)),
      )
      .patch(`${base}/:resourceType/:id`, ({ request, params, body }) =>
        guard(request, () => handlePatch(deps, request, resource(params), body)),
      )
      .delete(`${base}/:resourceType/:id`, ({ request, params }) =>
        guard(request, () => handleDelete(deps, request, resource(params))),
      )
  );
}
