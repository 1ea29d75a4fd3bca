import { describe, expect, it } from 'vitest';
import { COMMON_ATTRIBUTES } from './definitions/common.ts';
import { ENTERPRISE_USER_SCHEMA } from './definitions/enterprise-user.ts';
import { GROUP_SCHEMA } from './definitions/group.ts';
import type { AttributeDefinition } from './definitions/types.ts';
import { USER_SCHEMA } from './definitions/user.ts';
import type {
  Address,
  EnterpriseUser,
  Group,
  GroupMember,
  Manager,
  Meta,
  MultiValue,
  Name,
  User,
  UserGroup,
} from './resources.ts';

/**
 * The TypeScript resource types and the schema data describe the same thing. Each table below
 * is typed from a TypeScript interface, so the compiler checks that it names every property
 * with the JSON kind of its type; the test then checks the table against the schema data.
 */
type Kind<T> = T extends string
  ? 'string'
  : T extends boolean
    ? 'boolean'
    : T extends number
      ? 'number'
      : T extends readonly unknown[]
        ? 'array'
        : 'object';
type Kinds<T> = { [K in keyof T]-?: Kind<NonNullable<T[K]>> };

function kindOf(definition: AttributeDefinition): string {
  if (definition.multiValued) return 'array';
  if (definition.type === 'complex') return 'object';
  if (definition.type === 'boolean') return 'boolean';
  if (definition.type === 'integer' || definition.type === 'decimal') return 'number';
  return 'string';
}

function kindsOf(attributes: readonly AttributeDefinition[]): Record<string, string> {
  return Object.fromEntries(attributes.map((definition) => [definition.name, kindOf(definition)]));
}

function sub(attributes: readonly AttributeDefinition[], name: string): readonly AttributeDefinition[] {
  return attributes.find((definition) => definition.name === name)?.subAttributes ?? [];
}

const common = { schemas: 'array', id: 'string', externalId: 'string', meta: 'object' } as const;

const user: Kinds<User> = {
  ...common,
  userName: 'string',
  name: 'object',
  displayName: 'string',
  nickName: 'string',
  profileUrl: 'string',
  title: 'string',
  userType: 'string',
  preferredLanguage: 'string',
  locale: 'string',
  timezone: 'string',
  active: 'boolean',
  password: 'string',
  emails: 'array',
  phoneNumbers: 'array',
  ims: 'array',
  photos: 'array',
  addresses: 'array',
  groups: 'array',
  entitlements: 'array',
  roles: 'array',
  x509Certificates: 'array',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': 'object',
};
const group: Kinds<Group> = { ...common, displayName: 'string', members: 'array' };
const enterprise: Kinds<EnterpriseUser> = {
  employeeNumber: 'string',
  costCenter: 'string',
  organization: 'string',
  division: 'string',
  department: 'string',
  manager: 'object',
};
const name: Kinds<Name> = {
  formatted: 'string',
  familyName: 'string',
  givenName: 'string',
  middleName: 'string',
  honorificPrefix: 'string',
  honorificSuffix: 'string',
};
const multiValue: Kinds<MultiValue> = {
  value: 'string',
  display: 'string',
  type: 'string',
  primary: 'boolean',
};
const address: Kinds<Address> = {
  formatted: 'string',
  streetAddress: 'string',
  locality: 'string',
  region: 'string',
  postalCode: 'string',
  country: 'string',
  type: 'string',
  primary: 'boolean',
};
const userGroup: Kinds<UserGroup> = { value: 'string', $ref: 'string', display: 'string', type: 'string' };
const member: Kinds<GroupMember> = { value: 'string', $ref: 'string', display: 'string', type: 'string' };
const manager: Kinds<Manager> = { value: 'string', $ref: 'string', displayName: 'string' };
const meta: Kinds<Meta> = {
  resourceType: 'string',
  created: 'string',
  lastModified: 'string',
  location: 'string',
  version: 'string',
};

describe('resource types agree with the schema data', () => {
  it('User lists every User attribute with its kind', () => {
    const {
      schemas,
      id,
      externalId,
      meta: _meta,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': ext,
      ...core
    } = user;
    expect(core).toEqual(kindsOf(USER_SCHEMA.attributes));
    expect({ id, externalId, meta: _meta }).toEqual(kindsOf(COMMON_ATTRIBUTES));
    expect([schemas, ext]).toEqual(['array', 'object']);
  });

  it('Group lists every Group attribute with its kind', () => {
    const { schemas: _s, id: _i, externalId: _e, meta: _m, ...core } = group;
    expect(core).toEqual(kindsOf(GROUP_SCHEMA.attributes));
  });

  it('EnterpriseUser lists every extension attribute with its kind', () => {
    expect(enterprise).toEqual(kindsOf(ENTERPRISE_USER_SCHEMA.attributes));
    expect(manager).toEqual(kindsOf(sub(ENTERPRISE_USER_SCHEMA.attributes, 'manager')));
  });

  it('sub-attribute types agree', () => {
    expect(name).toEqual(kindsOf(sub(USER_SCHEMA.attributes, 'name')));
    expect(address).toEqual(kindsOf(sub(USER_SCHEMA.attributes, 'addresses')));
    expect(userGroup).toEqual(kindsOf(sub(USER_SCHEMA.attributes, 'groups')));
    expect(member).toEqual(kindsOf(sub(GROUP_SCHEMA.attributes, 'members')));
    expect(meta).toEqual(kindsOf(sub(COMMON_ATTRIBUTES, 'meta')));
    for (const attribute of [
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'entitlements',
      'roles',
      'x509Certificates',
    ]) {
      expect(multiValue).toEqual(kindsOf(sub(USER_SCHEMA.attributes, attribute)));
    }
  });
});
