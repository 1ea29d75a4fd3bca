import { URN } from '@scimkit/schema';

type Json = Record<string, unknown>;

const SCIM = 'application/scim+json';

function scimBody(schema: string, description: string): Json {
  return {
    required: true,
    description,
    content: { [SCIM]: { schema: { $ref: `#/components/schemas/${schema}` } } },
  };
}

function answer(description: string, schema?: string, type = SCIM): Json {
  return schema === undefined
    ? { description }
    : { description, content: { [type]: { schema: { $ref: `#/components/schemas/${schema}` } } } };
}

const ERRORS: Json = {
  '400': answer('Invalid request (scimType says why).', 'Error'),
  '401': answer('Missing or invalid bearer token (`WWW-Authenticate: Bearer`).', 'Error'),
  '429': answer('Rate limited or the server overloaded; retry after `Retry-After` seconds.', 'Error'),
};

const QUERY_PARAMETERS: Json[] = [
  { name: 'filter', in: 'query', schema: { type: 'string' }, example: 'userName eq "alice@contoso.com"' },
  { name: 'sortBy', in: 'query', schema: { type: 'string' } },
  { name: 'sortOrder', in: 'query', schema: { type: 'string', enum: ['ascending', 'descending'] } },
  { name: 'startIndex', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'count', in: 'query', schema: { type: 'integer', minimum: 0 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'RFC 9865 cursor paging.' },
];

const PROJECTION: Json[] = [
  { name: 'attributes', in: 'query', schema: { type: 'string' }, example: 'userName,emails' },
  { name: 'excludedAttributes', in: 'query', schema: { type: 'string' }, example: 'members' },
];

function resourcePaths(endpoint: string, schema: string): Record<string, Json> {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' } };
  return {
    [`/scim/{tenant}/v2/${endpoint}`]: {
      get: {
        tags: ['SCIM'],
        summary: `Query ${endpoint} (always a 200 ListResponse)`,
        parameters: [...QUERY_PARAMETERS, ...PROJECTION],
        responses: { '200': answer('A page of results.', 'ListResponse'), ...ERRORS },
      },
      post: {
        tags: ['SCIM'],
        summary: `Create a ${schema}`,
        parameters: PROJECTION,
        requestBody: scimBody(schema, `The new ${schema}.`),
        responses: {
          '201': answer(`The created ${schema}, with Location and ETag.`, schema),
          '409': answer('userName/displayName already taken (scimType uniqueness).', 'Error'),
          ...ERRORS,
        },
      },
    },
    [`/scim/{tenant}/v2/${endpoint}/{id}`]: {
      get: {
        tags: ['SCIM'],
        summary: `Read a ${schema}`,
        parameters: [id, ...PROJECTION, { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
        responses: {
          '200': answer(`The ${schema}.`, schema),
          '304': answer('Not modified.'),
          '404': answer('Unknown id.', 'Error'),
          ...ERRORS,
        },
      },
      put: {
        tags: ['SCIM'],
        summary: `Replace a ${schema}`,
        parameters: [id, ifMatch, ...PROJECTION],
        requestBody: scimBody(schema, `The whole ${schema}.`),
        responses: {
          '200': answer(`The ${schema}.`, schema),
          '412': answer('Version mismatch.', 'Error'),
          ...ERRORS,
        },
      },
      patch: {
        tags: ['SCIM'],
        summary:
          schema === 'Group'
            ? 'Patch a Group (204; 200 with the Group when attributes are requested)'
            : 'Patch a User (200 with the full User)',
        parameters: [id, ifMatch, ...PROJECTION],
        requestBody: scimBody('PatchOp', 'RFC 7644 §3.5.2 operations; Entra’s dialect is accepted.'),
        responses: {
          '200': answer(`The ${schema} after the change.`, schema),
          '204': answer('Changed.'),
          '412': answer('Version mismatch.', 'Error'),
          ...ERRORS,
        },
      },
      delete: {
        tags: ['SCIM'],
        summary: `Delete a ${schema}`,
        parameters: [id, ifMatch],
        responses: { '204': answer('Deleted.'), '404': answer('Unknown id.', 'Error'), ...ERRORS },
      },
    },
    [`/scim/{tenant}/v2/${endpoint}/.search`]: {
      post: {
        tags: ['SCIM'],
        summary: `Query ${endpoint} with a SearchRequest body`,
        requestBody: scimBody('SearchRequest', 'RFC 7644 §3.4.3 SearchRequest.'),
        responses: { '200': answer('A page of results.', 'ListResponse'), ...ERRORS },
      },
    },
  };
}

function discovery(path: string, summary: string, schema: string): Record<string, Json> {
  return {
    [`/scim/{tenant}/v2/${path}`]: {
      get: { tags: ['SCIM discovery'], summary, responses: { '200': answer(summary, schema), ...ERRORS } },
    },
  };
}

function admin(
  method: string,
  path: string,
  summary: string,
  status: string,
  body?: Json,
): Record<string, Json> {
  const operation: Json = {
    tags: ['Admin'],
    summary,
    security: [{ adminToken: [] }],
    responses: {
      [status]: { description: summary },
      '401': answer('Missing or wrong ADMIN_TOKEN.', 'Error', 'application/json'),
    },
  };
  if (body !== undefined) operation.requestBody = { content: { 'application/json': { schema: body } } };
  return { [path]: { [method]: operation } };
}

function merge(...parts: Record<string, Json>[]): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const part of parts) {
    for (const [path, operations] of Object.entries(part)) paths[path] = { ...paths[path], ...operations };
  }
  return paths;
}

/** The OpenAPI 3.1 description of the server, served at `/openapi.json`. */
export function openApiDocument(options: { publicUrl?: string; version: string }): Json {
  const loose = { type: 'object', additionalProperties: true };
  return {
    openapi: '3.1.0',
    info: {
      title: 'scimkit server',
      version: options.version,
      description:
        'Multi-tenant SCIM 2.0 (RFC 7643/7644) service provider for Microsoft Entra ID provisioning. ' +
        'Tenant URL: `{server}/scim/{tenant}/v2`; Secret Token: a bearer token issued for that tenant.',
    },
    servers: options.publicUrl === undefined ? [] : [{ url: options.publicUrl }],
    security: [{ scimToken: [] }],
    tags: [
      { name: 'SCIM', description: 'Users and Groups (RFC 7644 §3).' },
      { name: 'SCIM discovery', description: 'RFC 7644 §4.' },
      { name: 'Admin', description: 'Tenants, tokens and provisioning events (ADMIN_TOKEN).' },
      { name: 'Operations', description: 'Health and readiness.' },
    ],
    paths: merge(
      resourcePaths('Users', 'User'),
      resourcePaths('Groups', 'Group'),
      {
        '/scim/{tenant}/v2/.search': {
          post: {
            tags: ['SCIM'],
            summary: 'Query every resource type with a SearchRequest body',
            requestBody: scimBody('SearchRequest', 'RFC 7644 §3.4.3 SearchRequest.'),
            responses: { '200': answer('A page of results.', 'ListResponse'), ...ERRORS },
          },
        },
        '/scim/{tenant}/v2/Bulk': {
          post: {
            tags: ['SCIM'],
            summary: 'Run several operations (RFC 7644 §3.7), with bulkId references',
            requestBody: scimBody('BulkRequest', 'RFC 7644 §3.7 BulkRequest.'),
            responses: {
              '200': answer('One result per operation run.', 'BulkResponse'),
              '413': answer('Too many operations or too large a payload.', 'Error'),
              ...ERRORS,
            },
          },
        },
        '/scim/{tenant}/v2/Me': {
          get: {
            tags: ['SCIM'],
            summary: 'Not implemented (501)',
            responses: { '501': answer('Not implemented.', 'Error') },
          },
        },
      },
      discovery('ServiceProviderConfig', 'What this service provider supports', 'Resource'),
      discovery('Schemas', 'The tenant’s schemas, custom extensions included', 'ListResponse'),
      discovery('Schemas/{id}', 'One schema', 'Resource'),
      discovery('ResourceTypes', 'The resource types', 'ListResponse'),
      discovery('ResourceTypes/{id}', 'One resource type', 'Resource'),
      admin('get', '/admin/tenants', 'List tenants', '200'),
      admin('post', '/admin/tenants', 'Create a tenant (optionally with a first token)', '201', {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, id: { type: 'string' }, issueToken: { type: 'boolean' } },
      }),
      admin('get', '/admin/tenants/{tenant}', 'Read a tenant and its Tenant URL', '200'),
      admin('delete', '/admin/tenants/{tenant}', 'Delete a tenant and all its data', '204'),
      admin('get', '/admin/tenants/{tenant}/tokens', 'List a tenant’s tokens (never their secrets)', '200'),
      admin('post', '/admin/tenants/{tenant}/tokens', 'Issue a token; the secret is shown once', '201', {
        type: 'object',
        properties: { description: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
      }),
      admin('patch', '/admin/tenants/{tenant}/tokens/{token}', 'Set a token’s expiry (rotation)', '200', {
        type: 'object',
        required: ['expiresAt'],
        properties: { expiresAt: { type: 'string', format: 'date-time' } },
      }),
      admin('delete', '/admin/tenants/{tenant}/tokens/{token}', 'Revoke a token', '204'),
      admin('get', '/admin/tenants/{tenant}/events', 'Provisioning events after ?since=<sequence>', '200'),
      {
        '/healthz': {
          get: {
            tags: ['Operations'],
            security: [],
            summary: 'Liveness',
            responses: { '200': { description: 'Alive.' } },
          },
        },
        '/readyz': {
          get: {
            tags: ['Operations'],
            security: [],
            summary: 'Readiness (database reachable, not shutting down)',
            responses: { '200': { description: 'Ready.' }, '503': { description: 'Not ready.' } },
          },
        },
      },
    ),
    components: {
      securitySchemes: {
        scimToken: { type: 'http', scheme: 'bearer', description: 'The tenant’s Secret Token.' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN environment variable.' },
      },
      schemas: {
        Resource: loose,
        User: { ...loose, required: ['schemas', 'userName'], properties: { userName: { type: 'string' } } },
        Group: {
          ...loose,
          required: ['schemas', 'displayName'],
          properties: { displayName: { type: 'string' } },
        },
        Error: {
          type: 'object',
          required: ['schemas', 'status'],
          properties: {
            schemas: { type: 'array', items: { const: URN.Error } },
            status: { type: 'string' },
            scimType: { type: 'string' },
            detail: { type: 'string' },
          },
        },
        ListResponse: {
          type: 'object',
          required: ['schemas', 'totalResults', 'Resources'],
          properties: {
            schemas: { type: 'array', items: { const: URN.ListResponse } },
            totalResults: { type: 'integer' },
            startIndex: { type: 'integer' },
            itemsPerPage: { type: 'integer' },
            nextCursor: { type: 'string' },
            Resources: { type: 'array', items: loose },
          },
        },
        PatchOp: {
          type: 'object',
          required: ['Operations'],
          properties: {
            schemas: { type: 'array', items: { const: URN.PatchOp } },
            Operations: {
              type: 'array',
              items: {
                type: 'object',
                required: ['op'],
                properties: { op: { type: 'string' }, path: { type: 'string' }, value: {} },
              },
            },
          },
        },
        SearchRequest: {
          ...loose,
          properties: {
            filter: { type: 'string' },
            startIndex: { type: 'integer' },
            count: { type: 'integer' },
          },
        },
        BulkRequest: {
          type: 'object',
          required: ['Operations'],
          properties: { failOnErrors: { type: 'integer' }, Operations: { type: 'array', items: loose } },
        },
        BulkResponse: { ...loose, properties: { Operations: { type: 'array', items: loose } } },
      },
    },
  };
}
