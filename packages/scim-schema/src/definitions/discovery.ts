import { attr, complex } from '../_internal/define.ts';
import type { AttributeDefinition, SchemaDefinition } from './types.ts';
import { URN } from './urns.ts';

const readOnly = { mutability: 'readOnly' } as const;
const readOnlyRequired = { mutability: 'readOnly', required: true } as const;

function supportedOnly(name: string, description: string): AttributeDefinition {
  return complex(
    name,
    description,
    [
      attr(
        'supported',
        'boolean',
        'A Boolean value specifying whether or not the operation is supported.',
        readOnlyRequired,
      ),
    ],
    readOnlyRequired,
  );
}

/** RFC 7643 §5 and §8.7.2: the ServiceProviderConfig schema. */
export const SERVICE_PROVIDER_CONFIG_SCHEMA: SchemaDefinition = {
  id: URN.ServiceProviderConfig,
  name: 'Service Provider Configuration',
  description: "Schema for representing the service provider's configuration",
  attributes: [
    attr(
      'documentationUri',
      'reference',
      "An HTTP-addressable URL pointing to the service provider's help documentation.",
      {
        ...readOnly,
        referenceTypes: ['external'],
      },
    ),
    supportedOnly('patch', 'A complex type that specifies PATCH configuration options.'),
    complex(
      'bulk',
      'A complex type that specifies bulk configuration options.',
      [
        attr(
          'supported',
          'boolean',
          'A Boolean value specifying whether or not the operation is supported.',
          readOnlyRequired,
        ),
        attr(
          'maxOperations',
          'integer',
          'An integer value specifying the maximum number of operations.',
          readOnlyRequired,
        ),
        attr(
          'maxPayloadSize',
          'integer',
          'An integer value specifying the maximum payload size in bytes.',
          readOnlyRequired,
        ),
      ],
      readOnlyRequired,
    ),
    complex(
      'filter',
      'A complex type that specifies FILTER options.',
      [
        attr(
          'supported',
          'boolean',
          'A Boolean value specifying whether or not the operation is supported.',
          readOnlyRequired,
        ),
        attr(
          'maxResults',
          'integer',
          'An integer value specifying the maximum number of resources returned in a response.',
          readOnlyRequired,
        ),
      ],
      readOnlyRequired,
    ),
    supportedOnly(
      'changePassword',
      'A complex type that specifies configuration options related to changing a password.',
    ),
    supportedOnly('sort', 'A complex type that specifies sort result options.'),
    supportedOnly('etag', 'A complex type that specifies ETag configuration options.'),
    complex(
      'pagination',
      'A complex type that specifies pagination configuration options (RFC 9865 §4).',
      [
        attr('cursor', 'boolean', 'Whether cursor-based pagination is supported.', readOnlyRequired),
        attr('index', 'boolean', 'Whether index-based pagination is supported.', readOnlyRequired),
        attr('defaultPaginationMethod', 'string', 'The pagination method used when a client asks for none.', {
          ...readOnly,
          canonicalValues: ['cursor', 'index'],
        }),
        attr('defaultPageSize', 'integer', 'The page size used when a client asks for none.', readOnly),
        attr('maxPageSize', 'integer', 'The largest page size the service provider returns.', readOnly),
        attr('cursorTimeout', 'integer', 'Seconds a cursor stays valid after it was issued.', readOnly),
      ],
      readOnly,
    ),
    complex(
      'authenticationSchemes',
      'A complex type that specifies supported authentication scheme properties.',
      [
        attr('type', 'string', 'The authentication scheme.', {
          ...readOnlyRequired,
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
        }),
        attr('name', 'string', 'The common authentication scheme name, e.g., HTTP Basic.', readOnlyRequired),
        attr('description', 'string', 'A description of the authentication scheme.', readOnlyRequired),
        attr(
          'specUri',
          'reference',
          "An HTTP-addressable URL pointing to the authentication scheme's specification.",
          {
            ...readOnly,
            referenceTypes: ['external'],
          },
        ),
        attr(
          'documentationUri',
          'reference',
          "An HTTP-addressable URL pointing to the authentication scheme's usage documentation.",
          {
            ...readOnly,
            referenceTypes: ['external'],
          },
        ),
        attr('primary', 'boolean', 'Whether this is the preferred authentication scheme.', readOnly),
      ],
      { ...readOnlyRequired, multiValued: true },
    ),
  ],
};

/** RFC 7643 §6 and §8.7.2: the ResourceType schema. */
export const RESOURCE_TYPE_SCHEMA: SchemaDefinition = {
  id: URN.ResourceType,
  name: 'ResourceType',
  description: 'Specifies the schema that describes a SCIM resource type',
  attributes: [
    attr('id', 'string', "The resource type's server unique id.", readOnly),
    attr('name', 'string', 'The resource type name.', readOnlyRequired),
    attr('description', 'string', "The resource type's human-readable description.", readOnly),
    attr('endpoint', 'reference', "The resource type's HTTP-addressable endpoint relative to the Base URL.", {
      ...readOnlyRequired,
      referenceTypes: ['uri'],
    }),
    attr('schema', 'reference', "The resource type's primary/base schema URI.", {
      ...readOnlyRequired,
      caseExact: true,
      referenceTypes: ['uri'],
    }),
    complex(
      'schemaExtensions',
      "A list of URIs of the resource type's schema extensions.",
      [
        attr('schema', 'reference', 'The URI of a schema extension.', {
          ...readOnlyRequired,
          caseExact: true,
          referenceTypes: ['uri'],
        }),
        attr(
          'required',
          'boolean',
          'Whether a resource of this type must include this schema extension.',
          readOnlyRequired,
        ),
      ],
      { ...readOnly, multiValued: true },
    ),
  ],
};

function attributeDefinitionAttributes(withSubAttributes: boolean): AttributeDefinition[] {
  const list: AttributeDefinition[] = [
    attr('name', 'string', "The attribute's name.", { ...readOnlyRequired, caseExact: true }),
    attr('type', 'string', "The attribute's data type.", {
      ...readOnlyRequired,
      canonicalValues: [
        'string',
        'complex',
        'boolean',
        'decimal',
        'integer',
        'dateTime',
        'reference',
        'binary',
      ],
    }),
    attr('multiValued', 'boolean', "A Boolean value indicating an attribute's plurality.", readOnlyRequired),
    attr('description', 'string', 'A human-readable description of the attribute.', readOnly),
    attr(
      'required',
      'boolean',
      'A boolean value indicating whether or not the attribute is required.',
      readOnly,
    ),
    attr('canonicalValues', 'string', 'A collection of canonical values.', {
      ...readOnly,
      multiValued: true,
      caseExact: true,
    }),
    attr(
      'caseExact',
      'boolean',
      'A Boolean value indicating whether or not a string attribute is case sensitive.',
      readOnly,
    ),
    attr('mutability', 'string', 'Indicates whether or not an attribute is modifiable.', {
      ...readOnly,
      caseExact: true,
      canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
    }),
    attr('returned', 'string', 'Indicates when an attribute is returned in a response.', {
      ...readOnly,
      caseExact: true,
      canonicalValues: ['always', 'never', 'default', 'request'],
    }),
    attr('uniqueness', 'string', 'Indicates how unique a value must be.', {
      ...readOnly,
      caseExact: true,
      canonicalValues: ['none', 'server', 'global'],
    }),
    attr('referenceTypes', 'string', 'Used only with an attribute of type "reference".', {
      ...readOnly,
      multiValued: true,
      caseExact: true,
    }),
  ];
  if (withSubAttributes) {
    list.push(
      complex(
        'subAttributes',
        'Used to define the sub-attributes of a complex attribute.',
        attributeDefinitionAttributes(false),
        {
          ...readOnly,
          multiValued: true,
        },
      ),
    );
  }
  return list;
}

/** RFC 7643 §7 and §8.7.2: the Schema schema. */
export const SCHEMA_SCHEMA: SchemaDefinition = {
  id: URN.Schema,
  name: 'Schema',
  description: 'Specifies the schema attribute',
  attributes: [
    attr('id', 'string', 'The unique URI of the schema.', { ...readOnlyRequired, caseExact: true }),
    attr('name', 'string', "The schema's human-readable name.", readOnly),
    attr('description', 'string', "The schema's human-readable description.", readOnly),
    complex(
      'attributes',
      'A complex attribute that includes the attributes of a schema.',
      attributeDefinitionAttributes(true),
      {
        ...readOnlyRequired,
        multiValued: true,
      },
    ),
  ],
};
