import { attr, complex } from '../_internal/define.ts';
import type { AttributeDefinition } from './types.ts';

/**
 * RFC 7643 §3.1 common attributes. They belong to every resource but to no schema; the
 * registry resolves them for every resource type.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attr('id', 'string', 'A unique identifier for a SCIM resource as defined by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr(
    'externalId',
    'string',
    'A String that is an identifier for the resource as defined by the provisioning client.',
    { caseExact: true },
  ),
  complex(
    'meta',
    'A complex attribute containing resource metadata.',
    [
      attr('resourceType', 'string', 'The name of the resource type of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attr('created', 'dateTime', 'The "DateTime" that the resource was added to the service provider.', {
        mutability: 'readOnly',
      }),
      attr(
        'lastModified',
        'dateTime',
        'The most recent DateTime that the details of this resource were updated.',
        {
          mutability: 'readOnly',
        },
      ),
      attr('location', 'reference', 'The URI of the resource being returned.', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      attr('version', 'string', 'The version of the resource being returned.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
    { mutability: 'readOnly' },
  ),
];

/** The `schemas` attribute every resource carries (RFC 7643 §3). */
export const SCHEMAS_ATTRIBUTE: AttributeDefinition = attr(
  'schemas',
  'reference',
  'The schema URIs that define the attributes present in the resource.',
  { multiValued: true, caseExact: true, required: true, returned: 'always', referenceTypes: ['uri'] },
);
