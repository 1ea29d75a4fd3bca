export { COMMON_ATTRIBUTES, SCHEMAS_ATTRIBUTE } from './definitions/common.ts';
export {
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
} from './definitions/discovery.ts';
export { ENTERPRISE_USER_SCHEMA } from './definitions/enterprise-user.ts';
export { GROUP_SCHEMA } from './definitions/group.ts';
export { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './definitions/resource-types.ts';
export type {
  AttributeDefinition,
  AttributeType,
  Mutability,
  ResourceTypeDefinition,
  Returned,
  SchemaDefinition,
  SchemaExtensionBinding,
  Uniqueness,
} from './definitions/types.ts';
export { URN } from './definitions/urns.ts';
export { USER_SCHEMA } from './definitions/user.ts';
export {
  BEARER_TOKEN_SCHEME,
  buildResourceTypeDocuments,
  buildSchemaDocuments,
  buildServiceProviderConfig,
  type Capabilities,
  type DiscoveryOptions,
  listResponse,
  schemaDocument,
} from './discovery.ts';
export {
  describeProblem,
  describeValue,
  ERROR_SCHEMA,
  isScimError,
  type ProblemParts,
  ScimError,
  type ScimErrorBody,
  type ScimErrorOptions,
  type ScimType,
} from './errors.ts';
export { type AttributePath, formatAttributePath, isAttributeName, parseAttributePath } from './paths.ts';
export { type ProjectionOptions, parseAttributeList, projectResource } from './project.ts';
export {
  type BoundExtension,
  createRegistry,
  defineExtension,
  type ExtensionAttributeSpec,
  findSubAttribute,
  inferExtensionSchema,
  isExtensionUrnFor,
  type ResolvedAttribute,
  SchemaRegistry,
} from './registry.ts';
export type * from './resources.ts';
export type * from './store.ts';
export {
  DEFAULT_MAX_STRING_LENGTH,
  deepEqual,
  isPlainObject,
  normalizeAttributeValue,
  type ValidateOptions,
  validateResource,
} from './validate.ts';
