import { COMMON_ATTRIBUTES } from './definitions/common.ts';
import type { AttributeDefinition, SchemaDefinition } from './definitions/types.ts';
import { URN } from './definitions/urns.ts';
import type { SchemaRegistry } from './registry.ts';
import type { ListResponse } from './resources.ts';

/** What a service provider supports; becomes its RFC 7643 §5 ServiceProviderConfig. */
export interface Capabilities {
  documentationUri?: string;
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  /** RFC 9865 §4: pagination support, advertised as the `pagination` attribute. */
  pagination?: {
    cursor: boolean;
    index: boolean;
    defaultPaginationMethod?: 'cursor' | 'index';
    defaultPageSize?: number;
    maxPageSize?: number;
    cursorTimeout?: number;
  };
  authenticationSchemes: readonly {
    type: string;
    name: string;
    description: string;
    specUri?: string;
    documentationUri?: string;
    primary?: boolean;
  }[];
}

/** Where documents are served from: `{baseUrl}/Schemas/{id}` etc. No trailing slash. */
export interface DiscoveryOptions {
  baseUrl?: string;
}

/** The OAuth bearer token scheme Entra uses (a long-lived secret token). */
export const BEARER_TOKEN_SCHEME: Capabilities['authenticationSchemes'][number] = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description:
    'Authentication with a bearer token issued by the service provider (the Secret Token in Entra).',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
};

function meta(resourceType: string, location: string | undefined): Record<string, string> {
  return location === undefined ? { resourceType } : { resourceType, location };
}

/** RFC 7643 §5: the ServiceProviderConfig resource. */
export function buildServiceProviderConfig(
  capabilities: Capabilities,
  options: DiscoveryOptions = {},
): Record<string, unknown> {
  const document: Record<string, unknown> = { schemas: [URN.ServiceProviderConfig] };
  if (capabilities.documentationUri !== undefined) document.documentationUri = capabilities.documentationUri;
  Object.assign(document, {
    patch: { supported: capabilities.patch },
    bulk: { ...capabilities.bulk },
    filter: { ...capabilities.filter },
    changePassword: { supported: capabilities.changePassword },
    sort: { supported: capabilities.sort },
    etag: { supported: capabilities.etag },
    authenticationSchemes: capabilities.authenticationSchemes.map((scheme) => ({ ...scheme })),
  });
  if (capabilities.pagination !== undefined) document.pagination = { ...capabilities.pagination };
  document.meta = meta('ServiceProviderConfig', location(options, '/ServiceProviderConfig'));
  return document;
}

/**
 * RFC 7643 §7: one Schema resource per schema a resource type of the registry uses.
 * Core schemas also list the common attribute `externalId`: Microsoft's SCIM validator checks
 * that every mapped attribute appears in `/Schemas`, and it maps `externalId`.
 */
export function buildSchemaDocuments(
  registry: SchemaRegistry,
  options: DiscoveryOptions & { includeExternalId?: boolean } = {},
): Record<string, unknown>[] {
  const includeExternalId = options.includeExternalId ?? true;
  const core = new Set(registry.resourceTypes().map((type) => type.schema.toLowerCase()));
  const used = new Map<string, SchemaDefinition>();
  for (const type of registry.resourceTypes()) {
    for (const id of [type.schema, ...type.schemaExtensions.map((ext) => ext.schema)]) {
      const schema = registry.schema(id);
      if (schema !== undefined) used.set(schema.id.toLowerCase(), schema);
    }
  }
  return [...used.values()].map((schema) => {
    const attributes = [...schema.attributes];
    if (includeExternalId && core.has(schema.id.toLowerCase())) {
      const externalId = COMMON_ATTRIBUTES.find((definition) => definition.name === 'externalId')!;
      attributes.unshift(externalId);
    }
    return schemaDocument({ ...schema, attributes }, options);
  });
}

/** RFC 7643 §7: a Schema resource for one schema definition. */
export function schemaDocument(
  schema: SchemaDefinition,
  options: DiscoveryOptions = {},
): Record<string, unknown> {
  return {
    schemas: [URN.Schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
    meta: meta('Schema', location(options, `/Schemas/${schema.id}`)),
  };
}

function attributeDocument(definition: AttributeDefinition): Record<string, unknown> {
  const document: Record<string, unknown> = {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
  };
  if (definition.canonicalValues !== undefined) document.canonicalValues = [...definition.canonicalValues];
  if (definition.referenceTypes !== undefined) document.referenceTypes = [...definition.referenceTypes];
  if (definition.subAttributes !== undefined)
    document.subAttributes = definition.subAttributes.map(attributeDocument);
  return document;
}

/** RFC 7643 §6: one ResourceType resource per registered resource type. */
export function buildResourceTypeDocuments(
  registry: SchemaRegistry,
  options: DiscoveryOptions = {},
): Record<string, unknown>[] {
  return registry.resourceTypes().map((type) => ({
    schemas: [URN.ResourceType],
    id: type.id,
    name: type.name,
    description: type.description,
    endpoint: type.endpoint,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions.map((ext) => ({ schema: ext.schema, required: ext.required })),
    meta: meta('ResourceType', location(options, `/ResourceTypes/${type.id}`)),
  }));
}

/** RFC 7644 §3.4.2: a ListResponse. `itemsPerPage` defaults to the page's length. */
export function listResponse<T>(
  resources: T[],
  page: {
    totalResults: number;
    startIndex?: number;
    itemsPerPage?: number;
    nextCursor?: string;
    previousCursor?: string;
  },
): ListResponse<T> {
  const response: ListResponse<T> = {
    schemas: [URN.ListResponse],
    totalResults: page.totalResults,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: page.itemsPerPage ?? resources.length,
    Resources: resources,
  };
  if (page.nextCursor !== undefined) response.nextCursor = page.nextCursor;
  if (page.previousCursor !== undefined) response.previousCursor = page.previousCursor;
  return response;
}

function location(options: DiscoveryOptions, suffix: string): string | undefined {
  return options.baseUrl === undefined ? undefined : `${options.baseUrl.replace(/\/+$/, '')}${suffix}`;
}
