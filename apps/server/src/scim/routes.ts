import { ScimError } from '@scimkit/schema';
import { type AnyElysia, Elysia } from 'elysia';
import type { Responder } from '../http/respond.ts';
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
  const bodyLimits = { maxBytes: deps.limits.maxBodyBytes, maxDepth: deps.limits.maxJsonDepth };
  const bulkLimits = { maxBytes: deps.limits.bulkMaxPayloadBytes, maxDepth: deps.limits.maxJsonDepth };
  // Every route but GET reads its body first, whether it uses it or not, so a bad body is
  // answered before anything else runs. Read here rather than in an Elysia parse hook, for
  // which Elysia opens `request.body`: the runtime may have a cheaper source of the same bytes.
  const withBody = (
    request: Request,
    path: string,
    run: (respond: Responder, body: unknown) => Promise<Response>,
  ): Promise<Response> =>
    guard(request, async (respond) =>
      run(respond, await deps.readBody(request, path.endsWith('/Bulk') ? bulkLimits : bodyLimits)),
    );
  const resource = (params: { resourceType: string; id?: string }): ResourceParams =>
    params.id === undefined
      ? { resourceType: params.resourceType }
      : { resourceType: params.resourceType, id: params.id };
  const meNotImplemented = async (): Promise<Response> => {
    throw ScimError.notImplemented(
      '/Me is not supported: this service provider authenticates clients, not users.',
    );
  };
  const base = SCIM_PREFIX;
  return (
    new Elysia({ name: 'scimkit/scim' })
      .get(`${base}/ServiceProviderConfig`, ({ request }) =>
        guard(request, (respond) => handleServiceProviderConfig(deps, request, respond)),
      )
      .get(`${base}/Schemas`, ({ request }) =>
        guard(request, (respond) => handleSchemas(deps, request, respond, undefined)),
      )
      .get(`${base}/Schemas/:id`, ({ request, params }) =>
        guard(request, (respond) => handleSchemas(deps, request, respond, params.id)),
      )
      .get(`${base}/ResourceTypes`, ({ request }) =>
        guard(request, (respond) => handleResourceTypes(deps, request, respond, undefined)),
      )
      .get(`${base}/ResourceTypes/:id`, ({ request, params }) =>
        guard(request, (respond) => handleResourceTypes(deps, request, respond, params.id)),
      )
      // Each method explicitly: a dynamic GET /:resourceType would win over an `all` route.
      .get(`${base}/Me`, ({ request }) => guard(request, meNotImplemented))
      .post(`${base}/Me`, ({ request, path }) => withBody(request, path, meNotImplemented))
      .put(`${base}/Me`, ({ request, path }) => withBody(request, path, meNotImplemented))
      .patch(`${base}/Me`, ({ request, path }) => withBody(request, path, meNotImplemented))
      .delete(`${base}/Me`, ({ request, path }) => withBody(request, path, meNotImplemented))
      .post(`${base}/Bulk`, ({ request, path }) =>
        withBody(request, path, (respond, body) => handleBulk(deps, request, respond, body)),
      )
      .post(`${base}/.search`, ({ request, path }) =>
        withBody(request, path, (respond, body) => handleRootSearch(deps, request, respond, body)),
      )
      .post(`${base}/:resourceType/.search`, ({ request, params, path }) =>
        withBody(request, path, (respond, body) =>
          handleTypeSearch(deps, request, respond, params.resourceType, body),
        ),
      )
      .get(`${base}/:resourceType`, ({ request, params }) =>
        guard(request, (respond) => handleList(deps, request, respond, params.resourceType)),
      )
      .post(`${base}/:resourceType`, ({ request, params, path }) =>
        withBody(request, path, (respond, body) =>
          handleCreate(deps, request, respond, resource(params), body),
        ),
      )
      .get(`${base}/:resourceType/:id`, ({ request, params }) =>
        guard(request, (respond) => handleRead(deps, request, respond, resource(params))),
      )
      .put(`${base}/:resourceType/:id`, ({ request, params, path }) =>
        withBody(request, path, (respond, body) =>
          handleReplace(deps, request, respond, resource(params), body),
        ),
      )
      .patch(`${base}/:resourceType/:id`, ({ request, params, path }) =>
        withBody(request, path, (respond, body) =>
          handlePatch(deps, request, respond, resource(params), body),
        ),
      )
      .delete(`${base}/:resourceType/:id`, ({ request, params, path }) =>
        withBody(request, path, (respond) => handleDelete(deps, request, respond, resource(params))),
      )
  );
}
