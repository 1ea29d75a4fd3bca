import { describe, expect, it } from 'vitest';
import { URN } from './definitions/urns.ts';
import { formatAttributePath, parseAttributePath } from './paths.ts';
import { createRegistry, defineExtension, inferExtensionSchema, isExtensionUrnFor } from './registry.ts';

const ENTERPRISE = URN.EnterpriseUser;

describe('parseAttributePath', () => {
  it.each([
    ['userName', { attribute: 'userName' }],
    ['name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    ['emails.value', { attribute: 'emails', subAttribute: 'value' }],
    [`${ENTERPRISE}:manager.value`, { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' }],
    [`${ENTERPRISE}:employeeNumber`, { schema: ENTERPRISE, attribute: 'employeeNumber' }],
    ['members.$ref', { attribute: 'members', subAttribute: '$ref' }],
  ])('parses %s', (text, expected) => {
    expect(parseAttributePath(text)).toEqual(expected);
    expect(formatAttributePath(parseAttributePath(text))).toBe(text);
  });

  it.each(['', '1abc', 'name.', 'a b', 'emails[type eq "work"]', 'name.given.name'])(
    'refuses %j with invalidPath',
    (text) => {
      expect(() => parseAttributePath(text)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidPath' }),
      );
    },
  );
});

describe('SchemaRegistry.resolve', () => {
  const registry = createRegistry();

  it('resolves core, sub-attribute and common attributes case-insensitively', () => {
    expect(registry.resolve('User', 'USERNAME')).toMatchObject({
      schema: URN.User,
      extension: false,
      definition: { name: 'userName' },
    });
    expect(registry.resolve('user', 'Name.GivenName')).toMatchObject({
      attribute: { name: 'name' },
      subAttribute: { name: 'givenName' },
      definition: { name: 'givenName', type: 'string' },
    });
    expect(registry.resolve('User', 'meta.lastModified')).toMatchObject({
      schema: undefined,
      definition: { type: 'dateTime' },
    });
    expect(registry.resolve('User', 'id')?.definition.caseExact).toBe(true);
    expect(registry.resolve('Group', 'members.value')?.definition.name).toBe('value');
  });

  it('splits a URN at its last colon (URNs contain dots)', () => {
    expect(registry.resolve('User', `${ENTERPRISE}:manager.value`)).toMatchObject({
      schema: ENTERPRISE,
      extension: true,
      attribute: { name: 'manager' },
      definition: { name: 'value' },
    });
    expect(registry.resolve('User', `${ENTERPRISE.toUpperCase()}:DEPARTMENT`)?.definition.name).toBe(
      'department',
    );
    expect(registry.resolve('User', `${URN.User}:userName`)?.definition.name).toBe('userName');
  });

  it('finds an extension attribute without its URN when the name is unambiguous', () => {
    expect(registry.resolve('User', 'manager')).toMatchObject({ schema: ENTERPRISE, extension: true });
    const twice = createRegistry().registerExtension(
      'User',
      defineExtension('urn:ietf:params:scim:schemas:extension:Other:2.0:User', { department: 'string' }),
    );
    expect(twice.resolve('User', 'department')).toBeUndefined();
    expect(twice.resolve('User', `${ENTERPRISE}:department`)?.schema).toBe(ENTERPRISE);
  });

  it('resolves nothing for unknown names, wrong resource types and wrong schemas', () => {
    expect(registry.resolve('User', 'members')).toBeUndefined();
    expect(registry.resolve('Group', 'userName')).toBeUndefined();
    expect(registry.resolve('User', 'name.nothing')).toBeUndefined();
    expect(registry.resolve('User', `${URN.Group}:displayName`)).toBeUndefined();
    expect(registry.resolve('User', 'not a path')).toBeUndefined();
  });

  it('refuses an unknown resource type with 404', () => {
    expect(() => registry.resolve('Device', 'id')).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('keeps clones independent', () => {
    const tenant = registry.clone();
    tenant.registerExtension(
      'User',
      defineExtension('urn:ietf:params:scim:schemas:extension:T:2.0:User', { x: 'string' }),
    );
    expect(tenant.resolve('User', 'urn:ietf:params:scim:schemas:extension:T:2.0:User:x')).toBeDefined();
    expect(registry.resolve('User', 'urn:ietf:params:scim:schemas:extension:T:2.0:User:x')).toBeUndefined();
  });

  it('detects the resource type of a resource', () => {
    expect(registry.resourceTypeOf({ schemas: [URN.Group] })?.name).toBe('Group');
    expect(registry.resourceTypeOf({ meta: { resourceType: 'User' } })?.name).toBe('User');
    expect(registry.resourceTypeOf({})).toBeUndefined();
  });
});

describe('schema definitions', () => {
  it('refuses attribute names that could pollute prototypes', () => {
    expect(() =>
      createRegistry().registerSchema(
        defineExtension('urn:x:y:User', JSON.parse('{"constructor":"string"}')),
      ),
    ).toThrow('invalid attribute name');
  });

  it('infers Entra custom extension schemas from simple values only', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';
    expect(
      inferExtensionSchema(urn, { a: 'x', b: true, c: 1.5, d: null })?.attributes.map((a) => [
        a.name,
        a.type,
      ]),
    ).toEqual([
      ['a', 'string'],
      ['b', 'boolean'],
      ['c', 'decimal'],
      ['d', 'string'],
    ]);
    expect(inferExtensionSchema(urn, { a: { nested: 1 } })).toBeUndefined();
    expect(inferExtensionSchema(urn, { 'bad name': 'x' })).toBeUndefined();
    expect(inferExtensionSchema(urn, {})).toBeUndefined();
    expect(inferExtensionSchema(urn, 'x')).toBeUndefined();
    expect(isExtensionUrnFor(urn, 'User')).toBe(true);
    expect(isExtensionUrnFor(urn, 'Group')).toBe(false);
    expect(isExtensionUrnFor('name.givenName', 'User')).toBe(false);
  });
});
