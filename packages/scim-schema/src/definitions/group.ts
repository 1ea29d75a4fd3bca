import { attr, complex } from '../_internal/define.ts';
import type { SchemaDefinition } from './types.ts';
import { URN } from './urns.ts';

/**
 * RFC 7643 §4.2 and §8.7.1: the core Group schema. `displayName` is required as §4.2 says
 * (the §8.7.1 listing's `required: false` contradicts the prose; groups are looked up by it).
 */
export const GROUP_SCHEMA: SchemaDefinition = {
  id: URN.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', 'A human-readable name for the Group.', {
      required: true,
      uniqueness: 'server',
    }),
    complex(
      'members',
      'A list of members of the Group.',
      [
        // Member ids are resource ids, which are case-exact like `id`.
        attr('value', 'string', 'Identifier of the member of this Group.', {
          mutability: 'immutable',
          caseExact: true,
        }),
        attr(
          '$ref',
          'reference',
          'The URI corresponding to a SCIM resource that is a member of this Group.',
          {
            mutability: 'immutable',
            referenceTypes: ['User', 'Group'],
          },
        ),
        attr('display', 'string', 'A human-readable name for the member.', { mutability: 'readOnly' }),
        attr('type', 'string', 'A label indicating the type of resource, e.g., "User" or "Group".', {
          mutability: 'immutable',
          canonicalValues: ['User', 'Group'],
        }),
      ],
      { multiValued: true },
    ),
  ],
};
