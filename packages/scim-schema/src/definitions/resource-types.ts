import type { ResourceTypeDefinition } from './types.ts';
import { URN } from './urns.ts';

/** RFC 7643 §8.6: the User resource type, with the enterprise extension optional. */
export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  description: 'User Account',
  endpoint: '/Users',
  schema: URN.User,
  schemaExtensions: [{ schema: URN.EnterpriseUser, required: false }],
};

/** RFC 7643 §8.6: the Group resource type. */
export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  description: 'Group',
  endpoint: '/Groups',
  schema: URN.Group,
  schemaExtensions: [],
};
