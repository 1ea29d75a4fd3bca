import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER, FULL_USER, GROUP } from '../test/rfc7643-examples.ts';
import { URN } from './definitions/urns.ts';
import { isScimError, type ScimError } from './errors.ts';
import { createRegistry, defineExtension } from './registry.ts';
import { normalizeAttributeValue, validateResource } from './validate.ts';

const ENTERPRISE = URN.EnterpriseUser;
const CUSTOM = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';

function catchError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (isScimError(error)) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

function without(object: object, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

describe('validateResource with the RFC 7643 examples', () => {
  it('round-trips the §8.2 full user', () => {
    const result = validateResource(createRegistry(), 'User', FULL_USER, { mode: 'patch' });
    expect(result).toEqual(FULL_USER);
  });

  it('round-trips the §8.3 enterprise user', () => {
    const result = validateResource(createRegistry(), 'User', ENTERPRISE_USER, { mode: 'patch' });
    expect(result).toEqual(ENTERPRISE_USER);
  });

  it('round-trips the §8.4 group', () => {
    const result = validateResource(createRegistry(), 'Group', GROUP, { mode: 'patch' });
    expect(result).toEqual(GROUP);
  });

  it('drops readOnly attributes on create and reports them', () => {
    const ignored: string[] = [];
    const result = validateResource(createRegistry(), 'User', ENTERPRISE_USER, {
      mode: 'create',
      onIgnored: (path, reason) => ignored.push(`${path} (${reason})`),
    });
    expect(result).toEqual({
      ...without(ENTERPRISE_USER, 'id', 'meta'),
      [ENTERPRISE]: {
        ...ENTERPRISE_USER[ENTERPRISE],
        manager: without(ENTERPRISE_USER[ENTERPRISE].manager, 'displayName'),
      },
    });
    expect(ignored).toEqual([
      'id (readOnly)',
      `${ENTERPRISE}:manager.displayName (readOnly)`,
      'meta (readOnly)',
    ]);
  });

  it('puts attributes in schema order with canonical names whatever the input order and case', () => {
    const result = validateResource(
      createRegistry(),
      'User',
      { ACTIVE: true, Emails: [{ Value: 'a@x.com', TYPE: 'work' }], USERNAME: 'a@x.com', schemas: [] },
      { mode: 'create' },
    );
    expect(JSON.stringify(result)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@x.com","active":true,"emails":[{"value":"a@x.com","type":"work"}]}',
    );
  });
});

describe('validateResource with the create bodies Entra sends', () => {
  const entraCreate = {
    schemas: [URN.User, ENTERPRISE],
    externalId: 'alice',
    userName: 'alice@contoso.com',
    active: 'True',
    displayName: 'Alice Anders',
    title: 'Engineer',
    preferredLanguage: 'en-US',
    name: { givenName: 'Alice', familyName: 'Anders', formatted: 'Alice Anders' },
    emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
    addresses: [
      {
        type: 'work',
        formatted: '1 Main St, Springfield',
        streetAddress: '1 Main St',
        locality: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
    ],
    phoneNumbers: [
      { type: 'work', value: '+1 (555) 010-0000' },
      { type: 'mobile', value: '555.010.0001' },
      { type: 'fax', value: '555 010 0002' },
    ],
    roles: [],
    meta: { resourceType: 'User' },
    [ENTERPRISE]: { employeeNumber: 'E123', department: 'Sales' },
    [CUSTOM]: { costCenter: 'CC-42', isContractor: false },
  };

  it('normalises the default-dialect user create', () => {
    const registry = createRegistry();
    const registered: string[] = [];
    const result = validateResource(registry, 'User', entraCreate, {
      mode: 'create',
      registerUnknownExtensions: true,
      onRegisteredExtension: (schema) => registered.push(schema.id),
    });
    expect(result).toEqual({
      schemas: [URN.User, ENTERPRISE, CUSTOM],
      externalId: 'alice',
      userName: 'alice@contoso.com',
      name: { formatted: 'Alice Anders', familyName: 'Anders', givenName: 'Alice' },
      displayName: 'Alice Anders',
      title: 'Engineer',
      preferredLanguage: 'en-US',
      active: true,
      emails: [{ value: 'alice@contoso.com', type: 'work', primary: true }],
      phoneNumbers: [
        { value: '+1 (555) 010-0000', type: 'work' },
        { value: '555.010.0001', type: 'mobile' },
        { value: '555 010 0002', type: 'fax' },
      ],
      addresses: entraCreate.addresses,
      [ENTERPRISE]: { employeeNumber: 'E123', department: 'Sales' },
      [CUSTOM]: { costCenter: 'CC-42', isContractor: false },
    });
    expect(registered).toEqual([CUSTOM]);
    expect(registry.resolve('User', `${CUSTOM}:costCenter`)?.definition.type).toBe('string');
    expect(registry.resolve('User', `${CUSTOM}:isContractor`)?.definition.type).toBe('boolean');
  });

  it('coerces "True"/"False" in any case and treats null as absent', () => {
    for (const [input, expected] of [
      ['True', true],
      ['False', false],
      ['TRUE', true],
      ['false', false],
      [' true ', true],
      [true, true],
      [false, false],
    ] as const) {
      const result = validateResource(
        createRegistry(),
        'User',
        { userName: 'u', active: input },
        { mode: 'create' },
      );
      expect(result.active).toBe(expected);
    }
    const result = validateResource(
      createRegistry(),
      'User',
      {
        userName: 'u',
        title: null,
        name: { givenName: null },
        emails: null,
        [ENTERPRISE]: null,
        nickName: '',
      },
      { mode: 'create' },
    );
    expect(result).toEqual({ schemas: [URN.User], userName: 'u', nickName: '' });
  });

  it('ignores custom extension data when not asked to register it, and reports it', () => {
    const ignored: string[] = [];
    const result = validateResource(createRegistry(), 'User', entraCreate, {
      mode: 'create',
      onIgnored: (path) => ignored.push(path),
    });
    expect(result[CUSTOM]).toBeUndefined();
    expect(ignored).toContain(CUSTOM);
  });

  it('accepts a registered extension whose URN is missing from schemas', () => {
    const registry = createRegistry().registerExtension(
      'User',
      defineExtension(CUSTOM, { costCenter: 'string', badgeNumber: 'integer' }),
    );
    const result = validateResource(
      registry,
      'User',
      { schemas: [URN.User], userName: 'u', [CUSTOM.toUpperCase()]: { COSTCENTER: 'x', badgeNumber: 7 } },
      { mode: 'create' },
    );
    expect(result).toEqual({
      schemas: [URN.User, CUSTOM],
      userName: 'u',
      [CUSTOM]: { costCenter: 'x', badgeNumber: 7 },
    });
  });

  it('accepts the Microsoft group schema URI and ignores unknown schema URIs', () => {
    const result = validateResource(
      createRegistry(),
      'Group',
      {
        schemas: [URN.Group, URN.MicrosoftGroup, 'urn:example:unknown'],
        externalId: 'sales-1',
        displayName: 'Sales',
      },
      { mode: 'create' },
    );
    expect(result).toEqual({ schemas: [URN.Group], externalId: 'sales-1', displayName: 'Sales' });
  });

  it('accepts the manager as a bare id, an object or a one-element array', () => {
    for (const manager of ['m-1', { value: 'm-1' }, [{ $ref: null, value: 'm-1' }]]) {
      const result = validateResource(
        createRegistry(),
        'User',
        { userName: 'u', [ENTERPRISE]: { manager } },
        { mode: 'create' },
      );
      expect(result[ENTERPRISE]).toEqual({ manager: { value: 'm-1' } });
    }
  });

  it('accepts a single value where an array is expected and a bare string element', () => {
    const result = validateResource(
      createRegistry(),
      'User',
      { userName: 'u', emails: { value: 'a@x.com' }, phoneNumbers: ['555'] },
      { mode: 'create' },
    );
    expect(result.emails).toEqual([{ value: 'a@x.com' }]);
    expect(result.phoneNumbers).toEqual([{ value: '555' }]);
  });

  it('sets sub-attributes from dotted and URN-qualified keys', () => {
    const result = validateResource(
      createRegistry(),
      'User',
      {
        userName: 'u',
        'name.givenName': 'A',
        name: { familyName: 'B' },
        [`${ENTERPRISE}:department`]: 'Sales',
      },
      { mode: 'create' },
    );
    expect(result).toEqual({
      schemas: [URN.User, ENTERPRISE],
      userName: 'u',
      name: { familyName: 'B', givenName: 'A' },
      [ENTERPRISE]: { department: 'Sales' },
    });
  });

  it('never reformats string values', () => {
    const odd = '  +1 (555) 010-0000 ext. 7  ';
    const result = validateResource(
      createRegistry(),
      'User',
      { userName: ' MiXeD@Example.COM ', phoneNumbers: [{ value: odd }] },
      { mode: 'create' },
    );
    expect(result.userName).toBe(' MiXeD@Example.COM ');
    expect(result.phoneNumbers).toEqual([{ value: odd }]);
  });
});

describe('validateResource with bad input', () => {
  it.each([
    ['a string', 'hello', 'found the string "hello"'],
    ['an array', [], 'found an array of 0'],
    ['null', null, 'found null'],
    ['a number', 42, 'found number 42'],
  ])('refuses %s as a body with invalidSyntax', (_, body, found) => {
    const error = catchError(() => validateResource(createRegistry(), 'User', body, { mode: 'create' }));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toBe(`The User is not valid: expected a JSON object, ${found}.`);
  });

  it('lists every problem with its attribute path', () => {
    const error = catchError(() =>
      validateResource(
        createRegistry(),
        'User',
        {
          active: 'yes',
          name: 'Alice',
          emails: [{ value: 5 }, { value: 'a', primary: true }, { value: 'b', primary: 'True' }],
          x509Certificates: [{ value: 'not base64!' }],
          [ENTERPRISE]: 'Sales',
        },
        { mode: 'create' },
      ),
    );
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toBe(
      'The User is not valid: ' +
        'active: expected a boolean (true/false, or the string "True"/"False"), found the string "yes"; ' +
        'name: expected an object, found the string "Alice"; ' +
        'emails[0].value: expected a string, found number 5; ' +
        'emails: has 2 values with "primary": true; at most one is allowed; ' +
        'x509Certificates[0].value: expected a base64-encoded string, found the string "not base64!"; ' +
        `${ENTERPRISE}: expected an object, found the string "Sales"; ` +
        'userName: is required but missing.',
    );
  });

  it('requires userName on a User and displayName on a Group', () => {
    expect(
      catchError(() => validateResource(createRegistry(), 'User', { userName: '' }, { mode: 'create' }))
        .detail,
    ).toBe('The User is not valid: userName: is required but missing.');
    expect(
      catchError(() => validateResource(createRegistry(), 'Group', {}, { mode: 'replace' })).detail,
    ).toBe('The Group is not valid: displayName: is required but missing.');
  });

  it('checks numbers, dates and references by type', () => {
    const registry = createRegistry().registerExtension(
      'User',
      defineExtension(CUSTOM, { level: 'integer', score: 'decimal', hired: 'dateTime', home: 'reference' }),
    );
    const ok = validateResource(
      registry,
      'User',
      {
        userName: 'u',
        [CUSTOM]: { level: 3, score: 2.5, hired: '2026-01-31T12:00:00.5+01:00', home: 'https://x' },
      },
      { mode: 'create' },
    );
    expect(ok[CUSTOM]).toEqual({
      level: 3,
      score: 2.5,
      hired: '2026-01-31T12:00:00.5+01:00',
      home: 'https://x',
    });
    const error = catchError(() =>
      validateResource(
        registry,
        'User',
        { userName: 'u', [CUSTOM]: { level: 3.5, score: '2', hired: '31/01/2026', home: 9 } },
        { mode: 'create' },
      ),
    );
    expect(error.detail).toContain(`${CUSTOM}:level: expected an integer number, found number 3.5`);
    expect(error.detail).toContain(`${CUSTOM}:score: expected a finite number, found the string "2"`);
    expect(error.detail).toContain(`${CUSTOM}:hired: expected an xsd:dateTime string`);
    expect(error.detail).toContain(`${CUSTOM}:home: expected a string reference (URI), found number 9`);
  });

  it('refuses a 10 MB string without echoing it', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const error = catchError(() =>
      validateResource(createRegistry(), 'User', { userName: huge }, { mode: 'create' }),
    );
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toBe(
      'The User is not valid: userName: is 10485760 characters long; at most 65536 are accepted; userName: is required but missing.',
    );
  });

  it('does not walk deeply nested input', () => {
    let deep: unknown = 'bottom';
    for (let index = 0; index < 100_000; index++) deep = { nested: deep };
    const ignored: string[] = [];
    const result = validateResource(
      createRegistry(),
      'User',
      { userName: 'u', unknownThing: deep, name: deep },
      { mode: 'create', onIgnored: (path) => ignored.push(path) },
    );
    expect(result).toEqual({ schemas: [URN.User], userName: 'u' });
    expect(ignored).toEqual(['unknownThing', 'name.nested']);
    const error = catchError(() =>
      validateResource(createRegistry(), 'User', { userName: deep }, { mode: 'create' }),
    );
    expect(error.detail).toBe(
      'The User is not valid: userName: expected a string, found an object; userName: is required but missing.',
    );
  });

  it('ignores prototype keys without polluting anything', () => {
    const body = JSON.parse(
      '{"userName":"u","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"name":{"__proto__":{"polluted":true},"givenName":"A"},' +
        '"urn:ietf:params:scim:schemas:extension:Evil:2.0:User":{"__proto__":{"polluted":true}}}',
    );
    const ignored: string[] = [];
    const registry = createRegistry();
    const result = validateResource(registry, 'User', body, {
      mode: 'create',
      registerUnknownExtensions: true,
      onIgnored: (path) => ignored.push(path),
    });
    expect(result).toEqual({ schemas: [URN.User], userName: 'u', name: { givenName: 'A' } });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ignored).toEqual([
      '__proto__',
      'constructor',
      'name.__proto__',
      'urn:ietf:params:scim:schemas:extension:Evil:2.0:User',
    ]);
    expect(registry.extensions('User').map((ext) => ext.schema.id)).toEqual([ENTERPRISE]);
  });

  it('stops listing after 20 problems', () => {
    const body: Record<string, unknown> = {
      userName: 'u',
      emails: Array.from({ length: 30 }, () => ({ value: 1 })),
    };
    const error = catchError(() => validateResource(createRegistry(), 'User', body, { mode: 'create' }));
    expect(error.detail.endsWith('; and 10 more.')).toBe(true);
  });

  it('refuses an unknown resource type with 404', () => {
    const error = catchError(() => validateResource(createRegistry(), 'Device', {}, { mode: 'create' }));
    expect(error.status).toBe(404);
  });
});

describe('validateResource in replace mode', () => {
  const registry = (): ReturnType<typeof createRegistry> =>
    createRegistry().registerExtension(
      'User',
      defineExtension(CUSTOM, { badge: { type: 'string', mutability: 'immutable' } }),
    );

  it('lets an immutable attribute be set once and kept when omitted', () => {
    const existing = { schemas: [URN.User, CUSTOM], userName: 'u', [CUSTOM]: { badge: 'B1' } };
    expect(validateResource(registry(), 'User', { userName: 'v' }, { mode: 'replace', existing })).toEqual({
      schemas: [URN.User, CUSTOM],
      userName: 'v',
      [CUSTOM]: { badge: 'B1' },
    });
    expect(
      validateResource(
        registry(),
        'User',
        { userName: 'v', [CUSTOM]: { badge: 'B1' } },
        { mode: 'replace', existing },
      ),
    ).toEqual({ schemas: [URN.User, CUSTOM], userName: 'v', [CUSTOM]: { badge: 'B1' } });
    expect(
      validateResource(
        registry(),
        'User',
        { userName: 'v', [CUSTOM]: { badge: 'B2' } },
        { mode: 'replace', existing: { userName: 'u' } },
      ),
    ).toEqual({ schemas: [URN.User, CUSTOM], userName: 'v', [CUSTOM]: { badge: 'B2' } });
  });

  it('refuses to change an immutable attribute with 400 mutability', () => {
    const existing = { userName: 'u', [CUSTOM]: { badge: 'B1' } };
    const error = catchError(() =>
      validateResource(
        registry(),
        'User',
        { userName: 'u', [CUSTOM]: { badge: 'B2' } },
        { mode: 'replace', existing },
      ),
    );
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('mutability');
    expect(error.detail).toBe(
      `The User is not valid: ${CUSTOM}:badge: is immutable and already set; it cannot be changed.`,
    );
  });

  it('ignores readOnly input such as id, meta and groups', () => {
    const result = validateResource(
      createRegistry(),
      'User',
      { id: 'other', userName: 'u', groups: [{ value: 'g' }], meta: { version: 'W/"1"' } },
      { mode: 'replace', existing: { userName: 'u' } },
    );
    expect(result).toEqual({ schemas: [URN.User], userName: 'u' });
  });
});

describe('normalizeAttributeValue', () => {
  const registry = createRegistry();
  const active = registry.resolve('User', 'active')!.definition;
  const manager = registry.resolve('User', `${ENTERPRISE}:manager`)!.definition;
  const emails = registry.resolve('User', 'emails')!.definition;

  it('coerces single values the way validateResource does', () => {
    expect(normalizeAttributeValue(active, 'False')).toBe(false);
    expect(normalizeAttributeValue(manager, 'm-1')).toEqual({ value: 'm-1' });
    expect(normalizeAttributeValue(manager, [{ value: 'm-1', $ref: null }])).toEqual({ value: 'm-1' });
    expect(normalizeAttributeValue(emails, { VALUE: 'a', Primary: 'true' })).toEqual([
      { value: 'a', primary: true },
    ]);
    expect(normalizeAttributeValue(emails, [])).toBeUndefined();
    expect(normalizeAttributeValue(manager, {})).toBeUndefined();
    expect(normalizeAttributeValue(active, null)).toBeUndefined();
  });

  it('throws invalidValue naming the path', () => {
    const error = catchError(() => normalizeAttributeValue(active, 'maybe', { path: 'Operations[0].value' }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toBe(
      'The value is not valid: Operations[0].value: expected a boolean (true/false, or the string "True"/"False"), found the string "maybe".',
    );
  });
});

describe('normalizeAttributeValue reporting', () => {
  it('reports ignored sub-attributes', () => {
    const registry = createRegistry();
    const ignored: string[] = [];
    const name = registry.resolve('User', 'name')!.definition;
    expect(
      normalizeAttributeValue(
        name,
        { givenName: 'A', nickname: 'x' },
        { onIgnored: (path) => ignored.push(path) },
      ),
    ).toEqual({
      givenName: 'A',
    });
    expect(ignored).toEqual(['name.nickname']);
  });
});
