/**
 * TypeScript shapes of RFC 7643 resources and RFC 7644 messages. They describe what a
 * well-formed resource looks like after `validateResource`; `types.test.ts` checks that they
 * list exactly the attributes of the schema data.
 */

/** RFC 7643 §3.1 `meta`. */
export interface Meta {
  resourceType: string;
  created: string;
  lastModified: string;
  location?: string;
  version: string;
}

/** An element of a multi-valued attribute (RFC 7643 §2.4). */
export interface MultiValue<T = string> {
  value?: T;
  display?: string;
  type?: string;
  primary?: boolean;
}

/** RFC 7643 §4.1.1 `name`. */
export interface Name {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

/** RFC 7643 §4.1.2 `addresses` element. */
export interface Address {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  type?: string;
  primary?: boolean;
}

/** RFC 7643 §4.1.2 `groups` element (read-only, derived from group membership). */
export interface UserGroup {
  value?: string;
  $ref?: string;
  display?: string;
  type?: string;
}

/** RFC 7643 §4.3 `manager`. */
export interface Manager {
  value?: string;
  $ref?: string;
  displayName?: string;
}

/** RFC 7643 §4.3: the Enterprise User extension. */
export interface EnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: Manager;
}

/** Attributes every resource has (RFC 7643 §3). */
export interface ResourceBase {
  schemas: string[];
  id?: string;
  externalId?: string;
  meta?: Meta;
}

/** RFC 7643 §4.1: a User. */
export interface User extends ResourceBase {
  userName: string;
  name?: Name;
  displayName?: string;
  nickName?: string;
  profileUrl?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active?: boolean;
  password?: string;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  ims?: MultiValue[];
  photos?: MultiValue[];
  addresses?: Address[];
  groups?: UserGroup[];
  entitlements?: MultiValue[];
  roles?: MultiValue[];
  x509Certificates?: MultiValue[];
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'?: EnterpriseUser;
}

/** RFC 7643 §4.2 `members` element. */
export interface GroupMember {
  value?: string;
  $ref?: string;
  display?: string;
  type?: string;
}

/** RFC 7643 §4.2: a Group. */
export interface Group extends ResourceBase {
  displayName: string;
  members?: GroupMember[];
}

/** A stored resource: `id` and `meta` are always there. Extension data sits under URN keys. */
export type ScimResource = Record<string, unknown> & { id: string; schemas: string[]; meta: Meta };

/** RFC 7644 §3.4.2: a query response. */
export interface ListResponse<T = ScimResource> {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'];
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources: T[];
  /** RFC 9865 cursor pagination. */
  nextCursor?: string;
  previousCursor?: string;
}

/** RFC 7644 §3.5.2 operation names; Entra sends them in any case (`Replace`). */
export type PatchOperationName = 'add' | 'replace' | 'remove';

/** One RFC 7644 §3.5.2 PATCH operation as received. */
export interface PatchOperation {
  op: PatchOperationName | (string & {});
  path?: string;
  value?: unknown;
}

/** RFC 7644 §3.5.2: a PATCH request body. */
export interface PatchOp {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
  Operations: PatchOperation[];
}

/** RFC 7644 §3.4.3: a query by POST to `/.search`. */
export interface SearchRequest {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'];
  attributes?: string[];
  excludedAttributes?: string[];
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  startIndex?: number;
  count?: number;
  /** RFC 9865. */
  cursor?: string;
}

/** RFC 7644 §3.7 HTTP methods allowed in a bulk operation. */
export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One RFC 7644 §3.7 bulk request operation. */
export interface BulkRequestOperation {
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

/** RFC 7644 §3.7: a bulk request. */
export interface BulkRequest {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'];
  failOnErrors?: number;
  Operations: BulkRequestOperation[];
}

/** One RFC 7644 §3.7 bulk response operation. */
export interface BulkResponseOperation {
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

/** RFC 7644 §3.7: a bulk response. */
export interface BulkResponse {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'];
  Operations: BulkResponseOperation[];
}

/** RFC 7644 §3.12: an error response. */
export interface ScimErrorResponse {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'];
  status: string;
  scimType?: string;
  detail?: string;
}
