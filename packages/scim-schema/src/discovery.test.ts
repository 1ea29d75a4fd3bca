import { describe, expect, it } from 'vitest';
import {
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
} from './definitions/discovery.ts';
import { URN } from './definitions/urns.ts';
import {
  BEARER_TOKEN_SCHEME,
  buildResourceTypeDocuments,
  buildSchemaDocuments,
  buildServiceProviderConfig,
  type Capabilities,
  listResponse,
} from './discovery.ts';
import { createRegistry, defineExtension, SchemaRegistry } from './registry.ts';
import { validateResource } from './validate.ts';

const capabilities: Capabilities = {
  patch: true,
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: false,
  sort: true,
  etag: true,
  pagination: {
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: 100,
    maxPageSize: 1000,
  },
  authenticationSchemes: [BEARER_TOKEN_SCHEME],
};

/** A registry that knows the discovery resources themselves, to validate documents against RFC 7643. */
function discoveryRegistry(): SchemaRegistry {
  return new SchemaRegistry({
    schemas: [SCHEMA_SCHEMA, RESOURCE_TYPE_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA],
    resourceTypes: [
      {
        id: 'Schema',
        name: 'Schema',
        description: '',
        endpoint: '/Schemas',
        schema: URN.Schema,
        schemaExtensions: [],
      },
      {
        id: 'ResourceType',
        name: 'ResourceType',
        description: '',
        endpoint: '/ResourceTypes',
        schema: URN.ResourceType,
        schemaExtensions: [],
      },
      {
        id: 'ServiceProviderConfig',
        name: 'ServiceProviderConfig',
        description: '',
        endpoint: '/ServiceProviderConfig',
        schema: URN.ServiceProviderConfig,
        schemaExtensions: [],
      },
    ],
  });
}

describe('discovery documents', () => {
  const base = 'https://app.example.com/scim/acme/v2/';
  const tenant = createRegistry().registerExtension(
    'User',
    defineExtension('urn:ietf:params:scim:schemas:extension:Contoso:2.0:User', { costCenter: 'string' }),
  );

  it('builds one Schema resource per schema in use, valid against RFC 7643 §7', () => {
    const documents = buildSchemaDocuments(tenant, { baseUrl: base });
    expect(documents.map((document) => document.id)).toEqual([
      URN.User,
      URN.EnterpriseUser,
      'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User',
      URN.Group,
    ]);
    const validator = discoveryRegistry();
    for (const document of documents) {
      expect(validateResource(validator, 'Schema', document, { mode: 'patch' })).toEqual(document);
    }
    expect(documents[0]?.meta).toEqual({
      resourceType: 'Schema',
      location: `https://app.example.com/scim/acme/v2/Schemas/${URN.User}`,
    });
  });

  it('lists externalId in the core schemas for Microsoft’s validator', () => {
    const [user] = buildSchemaDocuments(tenant);
    const names = (user!.attributes as { name: string }[]).map((attribute) => attribute.name);
    expect(names[0]).toBe('externalId');
    expect(names).toContain('userName');
    expect(names).not.toContain('id');
    const [withoutIt] = buildSchemaDocuments(tenant, { includeExternalId: false });
    expect((withoutIt!.attributes as { name: string }[])[0]?.name).toBe('userName');
  });

  it('publishes every attribute characteristic of RFC 7643 §7', () => {
    const [user] = buildSchemaDocuments(tenant);
    const emails = (user!.attributes as Record<string, unknown>[]).find(
      (attribute) => attribute.name === 'emails',
    );
    expect(emails).toMatchObject({
      type: 'complex',
      multiValued: true,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
    expect(
      (emails!.subAttributes as Record<string, unknown>[]).find((sub) => sub.name === 'type'),
    ).toMatchObject({
      canonicalValues: ['work', 'home', 'other'],
    });
  });

  it('builds ResourceTypes with the tenant’s extensions', () => {
    const documents = buildResourceTypeDocuments(tenant, { baseUrl: base });
    expect(documents).toEqual([
      {
        schemas: [URN.ResourceType],
        id: 'User',
        name: 'User',
        description: 'User Account',
        endpoint: '/Users',
        schema: URN.User,
        schemaExtensions: [
          { schema: URN.EnterpriseUser, required: false },
          { schema: 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User', required: false },
        ],
        meta: {
          resourceType: 'ResourceType',
          location: 'https://app.example.com/scim/acme/v2/ResourceTypes/User',
        },
      },
      {
        schemas: [URN.ResourceType],
        id: 'Group',
        name: 'Group',
        description: 'Group',
        endpoint: '/Groups',
        schema: URN.Group,
        schemaExtensions: [],
        meta: {
          resourceType: 'ResourceType',
          location: 'https://app.example.com/scim/acme/v2/ResourceTypes/Group',
        },
      },
    ]);
    const validator = discoveryRegistry();
    for (const { schemaExtensions, ...document } of documents) {
      // An empty multi-valued attribute is unassigned (RFC 7643 §2.5), so validation leaves it out.
      const expected =
        (schemaExtensions as unknown[]).length > 0 ? { ...document, schemaExtensions } : document;
      expect(
        validateResource(validator, 'ResourceType', { ...document, schemaExtensions }, { mode: 'patch' }),
      ).toEqual(expected);
    }
  });

  it('builds a ServiceProviderConfig valid against RFC 7643 §5', () => {
    const document = buildServiceProviderConfig(capabilities, { baseUrl: base });
    expect(document).toMatchObject({
      schemas: [URN.ServiceProviderConfig],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 1000,
      },
    });
    expect(
      validateResource(discoveryRegistry(), 'ServiceProviderConfig', document, { mode: 'patch' }),
    ).toEqual(document);
  });

  it('wraps resources in a ListResponse', () => {
    expect(listResponse([{ id: 'a' }], { totalResults: 10, startIndex: 3 })).toEqual({
      schemas: [URN.ListResponse],
      totalResults: 10,
      startIndex: 3,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
    expect(listResponse([], { totalResults: 0 })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });
});
