/** RFC 7643 §2.3 attribute data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

/** RFC 7643 §7 `mutability`. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type Returned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute of a schema, exactly as RFC 7643 §7 describes it (and §8.7 publishes it). */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: readonly string[];
  referenceTypes?: readonly string[];
  subAttributes?: readonly AttributeDefinition[];
}

/** A schema resource (RFC 7643 §7): an id URN, a name and its attributes. */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: readonly AttributeDefinition[];
}

/** A schema extension bound to a resource type (RFC 7643 §6 `schemaExtensions`). */
export interface SchemaExtensionBinding {
  schema: string;
  required: boolean;
}

/** A resource type (RFC 7643 §6): its endpoint, core schema and extensions. */
export interface ResourceTypeDefinition {
  id: string;
  name: string;
  description: string;
  endpoint: string;
  schema: string;
  schemaExtensions: readonly SchemaExtensionBinding[];
}
