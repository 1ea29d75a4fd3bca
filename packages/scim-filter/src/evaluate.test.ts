import { createRegistry, defineExtension, isScimError, URN } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { compileFilter, type MatchOptions, matchesFilter } from './evaluate.ts';
import { parseFilter } from './parser.ts';

/** An extension with one attribute of every type, so that each row tests one thing. */
const TYPES = 'urn:ietf:params:scim:schemas:extension:Types:2.0:User';
const registry = createRegistry().registerExtension(
  'User',
  defineExtension(TYPES, {
    str: 'string',
    strExact: { type: 'string', caseExact: true },
    ref: 'reference',
    refExact: { type: 'reference', caseExact: true },
    bin: { type: 'binary', caseExact: true },
    bool: 'boolean',
    int: 'integer',
    dec: 'decimal',
    date: 'dateTime',
    strs: { type: 'string', multiValued: true },
    ints: { type: 'integer', multiValued: true },
  }),
);
const USER: MatchOptions = { registry, resourceType: 'User' };
const GROUP: MatchOptions = { registry, resourceType: 'Group' };

/** Evaluates `filter` on a resource whose Types extension holds `values`. */
function typed(filter: string, values: Record<string, unknown>): boolean {
  return matchesFilter(parseFilter(filter), { schemas: [URN.User], [TYPES]: values }, USER);
}

type Row = [filter: string, expected: boolean | 'invalidFilter'];

function expectRow(run: () => boolean, expected: Row[1]): void {
  if (expected !== 'invalidFilter') {
    expect(run()).toBe(expected);
    return;
  }
  try {
    run();
  } catch (error) {
    expect(isScimError(error) && error.status === 400 && error.scimType === 'invalidFilter').toBe(true);
    return;
  }
  throw new Error('expected invalidFilter');
}

// Every operator on every attribute type, with and without caseExact. The stored value of
// each attribute is in the describe title; "ne" is always the complement of "eq".
const SEMANTICS: [string, Record<string, unknown>, Row[]][] = [
  [
    'string, caseExact false: str = "Alice"',
    { str: 'Alice' },
    [
      ['str eq "alice"', true],
      ['str eq "ALICE"', true],
      ['str eq "Alic"', false],
      ['str ne "alice"', false],
      ['str ne "bob"', true],
      ['str co "LIC"', true],
      ['str co "x"', false],
      ['str co ""', true],
      ['str sw "aL"', true],
      ['str sw "lic"', false],
      ['str ew "CE"', true],
      ['str ew "al"', false],
      ['str gt "alb"', true],
      ['str gt "ALICE"', false],
      ['str ge "ALICE"', true],
      ['str lt "B"', true],
      ['str lt "alice"', false],
      ['str le "alice"', true],
      ['str le "alb"', false],
      ['str pr', true],
      ['str eq 12', false],
    ],
  ],
  [
    'string, caseExact true: strExact = "Alice"',
    { strExact: 'Alice' },
    [
      ['strExact eq "Alice"', true],
      ['strExact eq "alice"', false],
      ['strExact ne "alice"', true],
      ['strExact ne "Alice"', false],
      ['strExact co "lic"', true],
      ['strExact co "LIC"', false],
      ['strExact sw "Al"', true],
      ['strExact sw "al"', false],
      ['strExact ew "ce"', true],
      ['strExact ew "CE"', false],
      // "A" (U+0041) sorts before "a" (U+0061): ordering is by code point.
      ['strExact gt "Al"', true],
      ['strExact gt "B"', false],
      ['strExact ge "Alice"', true],
      ['strExact lt "alice"', true],
      ['strExact le "Alice"', true],
      ['strExact le "Ali"', false],
      ['strExact pr', true],
    ],
  ],
  [
    'reference, caseExact false and true: ref = refExact = "https://Example.com/u/1"',
    { ref: 'https://Example.com/u/1', refExact: 'https://Example.com/u/1' },
    [
      ['ref eq "https://example.com/u/1"', true],
      ['refExact eq "https://example.com/u/1"', false],
      ['refExact eq "https://Example.com/u/1"', true],
      ['ref sw "HTTPS://"', true],
      ['refExact sw "HTTPS://"', false],
      ['ref ew "/U/1"', true],
      ['ref co "EXAMPLE"', true],
      ['refExact co "EXAMPLE"', false],
      ['ref gt "https://a"', true],
      ['refExact ne "x"', true],
      ['ref pr', true],
    ],
  ],
  [
    'binary, caseExact true: bin = "QUJD"',
    { bin: 'QUJD' },
    [
      ['bin eq "QUJD"', true],
      ['bin eq "qujd"', false],
      ['bin ne "qujd"', true],
      ['bin co "UJ"', true],
      ['bin sw "QU"', true],
      ['bin ew "JD"', true],
      ['bin ew "jd"', false],
      ['bin pr', true],
      ['bin gt "A"', 'invalidFilter'],
      ['bin ge "A"', 'invalidFilter'],
      ['bin lt "A"', 'invalidFilter'],
      ['bin le "A"', 'invalidFilter'],
    ],
  ],
  [
    'boolean: bool = true',
    { bool: true },
    [
      ['bool eq true', true],
      ['bool eq false', false],
      ['bool ne false', true],
      ['bool ne true', false],
      ['bool eq "True"', true],
      ['bool eq "FALSE"', false],
      ['bool pr', true],
      ['bool eq "yes"', 'invalidFilter'],
      ['bool eq 1', 'invalidFilter'],
      ['bool co "t"', 'invalidFilter'],
      ['bool sw "t"', 'invalidFilter'],
      ['bool ew "e"', 'invalidFilter'],
      ['bool gt false', 'invalidFilter'],
      ['bool ge false', 'invalidFilter'],
      ['bool lt true', 'invalidFilter'],
      ['bool le true', 'invalidFilter'],
    ],
  ],
  [
    'boolean: bool = false',
    { bool: false },
    [
      ['bool eq false', true],
      ['bool eq true', false],
      ['bool ne true', true],
      ['bool pr', true],
    ],
  ],
  [
    'integer: int = 42',
    { int: 42 },
    [
      ['int eq 42', true],
      ['int eq 42.0', true],
      ['int eq 4.2e1', true],
      ['int eq "42"', true],
      ['int eq 41', false],
      ['int ne 42', false],
      ['int ne 41', true],
      ['int gt 41', true],
      ['int gt 42', false],
      ['int ge 42', true],
      ['int lt 43', true],
      ['int lt 42', false],
      ['int le 42', true],
      ['int le 41.5', false],
      ['int pr', true],
      ['int co 4', 'invalidFilter'],
      ['int sw 4', 'invalidFilter'],
      ['int ew 2', 'invalidFilter'],
      ['int eq "forty"', 'invalidFilter'],
      ['int eq true', 'invalidFilter'],
    ],
  ],
  [
    'decimal: dec = 2.5',
    { dec: 2.5 },
    [
      ['dec eq 2.5', true],
      ['dec eq 2.50', true],
      ['dec ne 2.5', false],
      ['dec gt 2', true],
      ['dec gt 2.5', false],
      ['dec ge 2.5', true],
      ['dec lt 3', true],
      ['dec lt -1', false],
      ['dec le 2.5', true],
      ['dec pr', true],
      ['dec co 2', 'invalidFilter'],
      ['dec gt "x"', 'invalidFilter'],
    ],
  ],
  [
    'integer stored with the wrong JSON type: int = "42"',
    { int: '42' },
    [
      ['int eq 42', false],
      ['int gt 1', false],
      ['int ne 42', true],
      ['int pr', true],
    ],
  ],
  [
    'dateTime, caseExact false: date = "2011-05-13T04:42:34Z"',
    { date: '2011-05-13T04:42:34Z' },
    [
      ['date eq "2011-05-13T04:42:34Z"', true],
      ['date eq "2011-05-13T06:42:34+02:00"', true],
      ['date eq "2011-05-13T04:42:34.000Z"', true],
      ['date eq "2011-05-13T04:42:34"', true],
      ['date eq "2011-05-13t04:42:34z"', true],
      ['date ne "2011-05-13T06:42:34+02:00"', false],
      ['date eq "2011-05-13T04:42:35Z"', false],
      ['date gt "2011-05-13T04:42:33Z"', true],
      ['date gt "2011-05-13T04:42:34Z"', false],
      ['date gt "2011-05-13T05:42:33+02:00"', true],
      ['date ge "2011-05-13T04:42:34Z"', true],
      ['date lt "2011-05-13T04:42:34.001Z"', true],
      ['date lt "2011-05-13T04:42:34Z"', false],
      ['date le "2011-05-13T04:42:34Z"', true],
      ['date le "2010-12-31T23:59:59Z"', false],
      // co, sw and ew compare the text (case-insensitively, as caseExact is false).
      ['date sw "2011-05"', true],
      ['date co "t04:42"', true],
      ['date ew "z"', true],
      ['date sw "2012"', false],
      ['date pr', true],
      ['date gt "yesterday"', 'invalidFilter'],
      ['date eq "2011-02-30T00:00:00Z"', 'invalidFilter'],
      ['date lt 1305261754000', 'invalidFilter'],
      ['date co 2011', 'invalidFilter'],
    ],
  ],
  [
    'dateTime stored as text that is not a dateTime: date = "soon"',
    { date: 'soon' },
    [
      ['date gt "2000-01-01T00:00:00Z"', false],
      ['date lt "2000-01-01T00:00:00Z"', false],
      ['date eq "2000-01-01T00:00:00Z"', false],
      ['date sw "SO"', true],
    ],
  ],
  [
    'null: str missing, int = 0, strExact = ""',
    { int: 0, strExact: '' },
    [
      ['str eq null', true],
      ['str ne null', false],
      ['int eq null', false],
      ['int ne null', true],
      ['strExact eq null', true],
      ['str gt null', 'invalidFilter'],
      ['str co null', 'invalidFilter'],
    ],
  ],
  [
    'missing attributes: nothing stored',
    {},
    [
      ['str eq "x"', false],
      ['str ne "x"', true],
      ['str co "x"', false],
      ['str gt "x"', false],
      ['str pr', false],
      ['int ne 1', true],
      ['int lt 1', false],
      ['bool ne true', true],
      ['date ne "2011-05-13T04:42:34Z"', true],
    ],
  ],
  [
    'multi-valued simple: strs = ["Alpha", "Beta"], ints = [1, 5]',
    { strs: ['Alpha', 'Beta'], ints: [1, 5] },
    [
      ['strs eq "beta"', true],
      ['strs eq "gamma"', false],
      ['strs ne "beta"', false],
      ['strs ne "gamma"', true],
      ['strs co "LP"', true],
      ['strs sw "b"', true],
      ['strs ew "A"', true],
      ['strs gt "alpha"', true],
      ['strs lt "alpha"', false],
      ['strs pr', true],
      ['ints eq 5', true],
      ['ints ne 5', false],
      ['ints gt 4', true],
      ['ints gt 5', false],
      ['ints lt 1', false],
      ['ints le 1', true],
    ],
  ],
  [
    'multi-valued with nothing present: strs = ["", null], ints = []',
    { strs: ['', null], ints: [] },
    [
      ['strs pr', false],
      ['ints pr', false],
      ['strs eq ""', true],
      ['ints eq null', true],
      ['strs eq null', true],
      ['ints ne 1', true],
    ],
  ],
  [
    'empty values: str = "", strs = []',
    { str: '', strs: [] },
    [
      ['str pr', false],
      ['strs pr', false],
      ['str eq ""', true],
      ['str ne ""', false],
    ],
  ],
];

describe('matchesFilter with a schema', () => {
  for (const [title, values, rows] of SEMANTICS) {
    describe(title, () => {
      it.each(rows)('%s → %s', (filter, expected) => {
        expectRow(() => typed(filter, values), expected);
      });
    });
  }

  describe('complex and multi-valued core attributes', () => {
    const user = {
      schemas: [URN.User, URN.EnterpriseUser],
      id: '2819c223',
      externalId: 'Alice',
      userName: 'Alice@Contoso.com',
      title: '',
      name: { givenName: 'Alice', familyName: "O'Malley" },
      emails: [
        { type: 'work', value: 'alice@example.com', primary: true },
        { type: 'home', value: 'alice@example.org' },
      ],
      phoneNumbers: [],
      addresses: [{ type: 'work', postalCode: '62701' }],
      meta: { resourceType: 'User', created: '2011-05-13T04:42:34Z', lastModified: '2011-05-14T04:42:34Z' },
      [URN.EnterpriseUser]: { department: 'Sales', manager: { value: 'M1', displayName: 'Bob' } },
    };
    const rows: Row[] = [
      ['userName eq "alice@contoso.com"', true],
      ['id eq "2819C223"', false],
      ['id eq "2819c223"', true],
      ['externalId eq "alice"', false],
      ['externalId eq "Alice"', true],
      ['title pr', false],
      ['title eq ""', true],
      ['emails co "example.org"', true],
      ['emails eq "ALICE@example.com"', true],
      ['emails.value ew ".ORG"', true],
      ['emails.type eq "work"', true],
      ['emails.type ne "work"', false],
      ['emails.type ne "other"', true],
      ['emails[type ne "work"]', true],
      ['emails[type eq "work" and value ew ".org"]', false],
      ['emails[type eq "home" and value ew ".org"]', true],
      ['emails[type eq "work"].value eq "alice@example.com"', true],
      ['emails[type eq "work"].primary eq true', true],
      ['emails[type eq "home"].primary eq true', false],
      ['emails[not (primary pr)]', true],
      ['emails pr', true],
      ['phoneNumbers pr', false],
      ['phoneNumbers eq null', true],
      ['addresses[type eq "work"].postalCode eq "62701"', true],
      ['addresses.postalCode sw "627"', true],
      ['addresses eq "x"', 'invalidFilter'],
      ['name.givenName eq "ALICE"', true],
      ['name.familyName co "\'mal"', true],
      ['name pr', true],
      ['name eq "Alice"', 'invalidFilter'],
      ['name[givenName eq "alice"]', true],
      ['userName[value eq "x"]', 'invalidFilter'],
      ['meta.created lt "2011-05-14T00:00:00Z"', true],
      ['meta.lastModified gt "2011-05-14T04:42:34Z"', false],
      [`schemas eq "${URN.EnterpriseUser}"`, true],
      [`schemas eq "${URN.EnterpriseUser.toUpperCase()}"`, false],
      [`${URN.User}:userName sw "ALICE"`, true],
      [`${URN.EnterpriseUser}:department eq "sales"`, true],
      [`${URN.EnterpriseUser.toUpperCase()}:DEPARTMENT eq "sales"`, true],
      ['department eq "SALES"', true],
      ['manager eq "m1"', true],
      [`${URN.EnterpriseUser}:manager.value eq "m1"`, true],
      [`${URN.EnterpriseUser}:manager.displayName sw "b"`, true],
      ['manager pr', true],
      ['costCenter pr', false],
      ['costCenter ne "x"', true],
      ['id eq "2819c223" and manager eq "M1"', true],
      ['id eq "2819c223" and manager eq "M2"', false],
    ];
    it.each(rows)('%s → %s', (filter, expected) => {
      expectRow(() => matchesFilter(parseFilter(filter), user, USER), expected);
    });
  });

  describe('attribute names', () => {
    it('matches attribute names case-insensitively, in the filter and in the resource', () => {
      const filter = parseFilter(
        'USERNAME eq "a" and Emails[TYPE eq "work"].VALUE eq "x" and NAME.givenname pr',
      );
      const canonical = { userName: 'a', emails: [{ type: 'work', value: 'x' }], name: { givenName: 'g' } };
      const shouted = { USERNAME: 'a', EMAILS: [{ Type: 'work', Value: 'x' }], Name: { GIVENNAME: 'g' } };
      expect(matchesFilter(filter, canonical, USER)).toBe(true);
      expect(matchesFilter(filter, shouted, USER)).toBe(true);
      expect(matchesFilter(filter, shouted)).toBe(true);
    });

    it('finds extension data under its URN in any case', () => {
      const user = { [URN.EnterpriseUser.toLowerCase()]: { Department: 'Sales' } };
      expect(matchesFilter(parseFilter('department eq "sales"'), user, USER)).toBe(true);
    });

    it('never reads inherited properties', () => {
      for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        expect(matchesFilter(parseFilter(`${name} pr`), {})).toBe(false);
        expect(matchesFilter(parseFilter(`emails[${name} pr]`), { emails: [{}] })).toBe(false);
      }
    });
  });

  describe('unknown attributes match nothing', () => {
    const rows: Row[] = [
      ['nope eq "x"', false],
      ['nope ne "x"', false],
      ['nope pr', false],
      ['nope eq null', false],
      ['nope gt true', false],
      ['not (nope pr)', true],
      ['nope pr or userName pr', true],
      ['name.nope pr', false],
      ['emails[nope eq "x"]', false],
      ['emails[not (nope eq "x")]', true],
      ['nope[x eq 1]', false],
      ['urn:ietf:params:scim:schemas:extension:Unknown:2.0:User:x eq "1"', false],
      [`${URN.EnterpriseUser}:nope pr`, false],
    ];
    const user = { userName: 'a', nope: 'x', name: { nope: 'x' }, emails: [{ nope: 'x' }] };
    it.each(rows)('%s → %s', (filter, expected) => {
      expectRow(() => matchesFilter(parseFilter(filter), user, USER), expected);
    });
  });

  describe('groups', () => {
    const group = {
      schemas: [URN.Group],
      id: 'g1',
      displayName: 'Sales',
      members: [{ value: 'u1', type: 'User' }, { value: 'u2' }],
    };
    const rows: Row[] = [
      ['displayName eq "SALES"', true],
      ['members eq "u2"', true],
      ['members eq "u3"', false],
      ['id eq "g1" and members eq "u1"', true],
      ['members[value eq "u1" and type eq "user"]', true],
      ['members[value eq "u2" and type pr]', false],
      ['userName pr', false],
    ];
    it.each(rows)('%s → %s', (filter, expected) => {
      expectRow(() => matchesFilter(parseFilter(filter), group, GROUP), expected);
    });
  });

  it("compares Entra's unquoted numbers with string attributes as text", () => {
    const filter = parseFilter('externalId eq 1234', { allowUnquotedValues: true });
    expect(filter).toEqual({
      type: 'comparison',
      path: { attribute: 'externalId' },
      operator: 'eq',
      value: 1234,
    });
    expect(matchesFilter(filter, { externalId: '1234' }, USER)).toBe(true);
    expect(matchesFilter(parseFilter('userName eq true'), { userName: 'True' }, USER)).toBe(true);
  });

  it('names the comparison, the expectation and what was found in type errors', () => {
    const messages: [string, string][] = [
      [
        'active gt true',
        'Cannot evaluate active gt true: expected eq, ne or pr for the boolean attribute active, found gt.',
      ],
      [
        'active eq "yes"',
        'Cannot evaluate active eq "yes": expected true or false for the boolean attribute active, found the string "yes".',
      ],
      [
        'meta.created gt "yesterday"',
        'Cannot evaluate meta.created gt "yesterday": expected an xsd:dateTime such as "2011-05-13T04:42:34Z" for the dateTime attribute meta.created, found the string "yesterday".',
      ],
      [
        'x509Certificates.value lt "A"',
        'Cannot evaluate x509Certificates.value lt "A": expected eq, ne, co, sw, ew or pr for the binary attribute x509Certificates.value, found lt.',
      ],
      [
        'name eq "x"',
        'Cannot evaluate name eq "x": expected a sub-attribute of the complex attribute name, or pr.',
      ],
      [
        'userName[value eq "x"]',
        'Cannot evaluate userName[value eq "x"]: expected a complex attribute before "[", found the string attribute userName.',
      ],
      [
        'emails[primary gt true]',
        'Cannot evaluate primary gt true: expected eq, ne or pr for the boolean attribute emails.primary, found gt.',
      ],
      ['title lt null', 'Cannot evaluate title lt null: expected eq or ne with null, found lt.'],
    ];
    for (const [filter, message] of messages) {
      expect(() => compileFilter(parseFilter(filter), USER)).toThrow(message);
    }
  });

  it('rejects a registry without a known resource type', () => {
    expect(() => compileFilter(parseFilter('a pr'), { registry, resourceType: 'Device' })).toThrow(
      new TypeError('[scim-filter] the registry has no resource type "Device"'),
    );
    expect(() => compileFilter(parseFilter('a pr'), { registry } as unknown as MatchOptions)).toThrow(
      new TypeError('[scim-filter] the registry has no resource type undefined'),
    );
  });
});

describe('matchesFilter without a schema', () => {
  const user = {
    userName: 'Alice',
    age: 42,
    active: true,
    emails: [
      { type: 'work', value: 'alice@example.com' },
      { type: 'home', value: 'a@example.org' },
    ],
    tags: ['Red', 'Blue'],
    manager: { value: 'M1' },
    [URN.EnterpriseUser]: { department: 'Sales' },
  };
  const rows: Row[] = [
    ['username eq "ALICE"', true],
    ['userName co "LIC"', true],
    ['userName gt "alb"', true],
    ['userName ne "bob"', true],
    ['age eq 42', true],
    ['age eq "42"', false],
    ['age gt 41.5', true],
    ['age co 4', 'invalidFilter'],
    ['active eq true', true],
    ['active ne true', false],
    ['active eq "true"', false],
    ['active gt true', 'invalidFilter'],
    ['tags eq "red"', true],
    ['tags ne "red"', false],
    ['emails co "example.org"', true],
    ['emails.value co "example.org"', true],
    ['emails[type eq "WORK"].value sw "alice"', true],
    ['emails[type eq "home"].value sw "alice"', false],
    ['manager eq "m1"', true],
    [`${URN.EnterpriseUser}:department eq "sales"`, true],
    ['department eq "sales"', false],
    [`${URN.User}:userName eq "alice"`, true],
    ['missing ne "x"', true],
    ['missing pr', false],
    ['missing eq null', true],
    ['emails pr', true],
    ['userName lt null', 'invalidFilter'],
  ];
  it.each(rows)('%s → %s', (filter, expected) => {
    expectRow(() => matchesFilter(parseFilter(filter), user), expected);
  });
});

describe('compileFilter', () => {
  it('returns a reusable predicate', () => {
    const match = compileFilter(parseFilter('userName sw "a" and active eq true'), USER);
    const users = [
      { userName: 'alice', active: true },
      { userName: 'Anna', active: false },
      { userName: 'bob', active: true },
      { userName: 'ALBERT', active: true },
    ];
    expect(users.filter(match).map((u) => u.userName)).toEqual(['alice', 'ALBERT']);
  });

  it('checks types once, when compiling, even for no resources', () => {
    expect(() => compileFilter(parseFilter('userName pr or active gt true'), USER)).toThrow(
      'Cannot evaluate active gt true',
    );
  });

  it('tolerates resources of any shape', () => {
    const match = compileFilter(
      parseFilter('emails[type eq "work"].value pr or name.givenName eq "x" or tags eq 1'),
    );
    for (const resource of [
      {},
      { emails: 'x' },
      { emails: [null, 1, 'x', [], {}] },
      { name: [] },
      { name: 'x' },
      { tags: {} },
    ]) {
      expect(match(resource)).toBe(false);
    }
  });
});
