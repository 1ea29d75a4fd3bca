import { URN } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { and, cmp, not, or, path, pr, vp } from '../test/builders.ts';
import type { Filter, PatchPath } from './ast.ts';
import { parseFilter, parsePath } from './parser.ts';

const LAST_MODIFIED = '2011-05-13T04:42:34Z';

// RFC 7644 §3.4.2.2, Figure 2, in order.
const RFC_FILTERS: [string, Filter][] = [
  ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
  [`name.familyName co "O'Malley"`, cmp('name.familyName', 'co', "O'Malley")],
  ['userName sw "J"', cmp('userName', 'sw', 'J')],
  [`${URN.User}:userName sw "J"`, cmp(`${URN.User}:userName`, 'sw', 'J')],
  ['title pr', pr('title')],
  [`meta.lastModified gt "${LAST_MODIFIED}"`, cmp('meta.lastModified', 'gt', LAST_MODIFIED)],
  [`meta.lastModified ge "${LAST_MODIFIED}"`, cmp('meta.lastModified', 'ge', LAST_MODIFIED)],
  [`meta.lastModified lt "${LAST_MODIFIED}"`, cmp('meta.lastModified', 'lt', LAST_MODIFIED)],
  [`meta.lastModified le "${LAST_MODIFIED}"`, cmp('meta.lastModified', 'le', LAST_MODIFIED)],
  ['title pr and userType eq "Employee"', and(pr('title'), cmp('userType', 'eq', 'Employee'))],
  ['title pr or userType eq "Intern"', or(pr('title'), cmp('userType', 'eq', 'Intern'))],
  [`schemas eq "${URN.EnterpriseUser}"`, cmp('schemas', 'eq', URN.EnterpriseUser)],
  [
    'userType eq "Employee" and (emails co "example.com" or\n  emails.value co "example.org")',
    and(
      cmp('userType', 'eq', 'Employee'),
      or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org')),
    ),
  ],
  [
    'userType ne "Employee" and not (emails co "example.com" or\n  emails.value co "example.org")',
    and(
      cmp('userType', 'ne', 'Employee'),
      not(or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'))),
    ),
  ],
  [
    'userType eq "Employee" and (emails.type eq "work")',
    and(cmp('userType', 'eq', 'Employee'), cmp('emails.type', 'eq', 'work')),
  ],
  [
    'userType eq "Employee" and emails[type eq "work" and\n  value co "@example.com"]',
    and(
      cmp('userType', 'eq', 'Employee'),
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
    ),
  ],
  [
    'emails[type eq "work" and value co "@example.com"] or\n  ims[type eq "xmpp" and value co "@foo.com"]',
    or(
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
    ),
  ],
];

const GUID = '7fce0092-d52e-4f76-b727-3955bd72c939';

// Every filter ENTRA.md lists, in the form Entra sends it (after URL decoding).
const ENTRA_FILTERS: [string, Filter][] = [
  [`userName eq "${GUID}"`, cmp('userName', 'eq', GUID)],
  [`displayName eq "${GUID}"`, cmp('displayName', 'eq', GUID)],
  ['userName eq "alice@contoso.com"', cmp('userName', 'eq', 'alice@contoso.com')],
  ['externalId eq "alice"', cmp('externalId', 'eq', 'alice')],
  ['displayName eq "Sales"', cmp('displayName', 'eq', 'Sales')],
  ['externalId eq "Sales"', cmp('externalId', 'eq', 'Sales')],
  [`id eq "u1" and manager eq "m1"`, and(cmp('id', 'eq', 'u1'), cmp('manager', 'eq', 'm1'))],
  [`id eq "g1" and members eq "u1"`, and(cmp('id', 'eq', 'g1'), cmp('members', 'eq', 'u1'))],
  [
    'emails[type eq "work"].value eq "alice@contoso.com"',
    vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'alice@contoso.com'))),
  ],
];

// Every PATCH path (and path-less value key) ENTRA.md lists.
const ENTRA_PATHS: [string, PatchPath][] = [
  [
    'emails[type eq "work"].value',
    { path: path('emails'), filter: cmp('type', 'eq', 'work'), subAttribute: 'value' },
  ],
  [
    'emails[type eq "work"].primary',
    { path: path('emails'), filter: cmp('type', 'eq', 'work'), subAttribute: 'primary' },
  ],
  [
    'addresses[type eq "work"].postalCode',
    { path: path('addresses'), filter: cmp('type', 'eq', 'work'), subAttribute: 'postalCode' },
  ],
  ['emails[type eq "work"]', { path: path('emails'), filter: cmp('type', 'eq', 'work') }],
  ['members[value eq "u1"]', { path: path('members'), filter: cmp('value', 'eq', 'u1') }],
  ['name.familyName', { path: path('name.familyName') }],
  ['name.givenName', { path: path('name.givenName') }],
  ['name.formatted', { path: path('name.formatted') }],
  ['userName', { path: path('userName') }],
  ['title', { path: path('title') }],
  ['active', { path: path('active') }],
  ['displayName', { path: path('displayName') }],
  ['externalId', { path: path('externalId') }],
  ['members', { path: path('members') }],
  ['manager', { path: path('manager') }],
  [`${URN.EnterpriseUser}:department`, { path: { schema: URN.EnterpriseUser, attribute: 'department' } }],
  [
    `${URN.EnterpriseUser}:employeeNumber`,
    { path: { schema: URN.EnterpriseUser, attribute: 'employeeNumber' } },
  ],
  [`${URN.EnterpriseUser}:manager`, { path: { schema: URN.EnterpriseUser, attribute: 'manager' } }],
  [
    'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:costCenter',
    { path: { schema: 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User', attribute: 'costCenter' } },
  ],
];

// RFC 7644 §3.5.2 (Figures 8–10 and the surrounding examples) and §3.10.
const RFC_PATHS: [string, PatchPath][] = [
  ['members', { path: path('members') }],
  [
    'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
    { path: path('members'), filter: cmp('value', 'eq', '2819c223-7f76-453a-919d-413861904646') },
  ],
  [
    'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName',
    {
      path: path('members'),
      filter: cmp('value', 'eq', '2819c223-7f76-453a-919d-413861904646'),
      subAttribute: 'displayName',
    },
  ],
  [
    'emails[type eq "work" and value ew "example.com"]',
    { path: path('emails'), filter: and(cmp('type', 'eq', 'work'), cmp('value', 'ew', 'example.com')) },
  ],
  ['addresses[type eq "work"]', { path: path('addresses'), filter: cmp('type', 'eq', 'work') }],
  [
    'addresses[type eq "work"].streetAddress',
    { path: path('addresses'), filter: cmp('type', 'eq', 'work'), subAttribute: 'streetAddress' },
  ],
  [
    `${URN.User}:name.givenName`,
    { path: { schema: URN.User, attribute: 'name', subAttribute: 'givenName' } },
  ],
  ['x509Certificates', { path: path('x509Certificates') }],
];

describe('parseFilter', () => {
  it.each(RFC_FILTERS)('parses the RFC 7644 example %s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it.each(ENTRA_FILTERS)('parses the Entra filter %s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected);
  });

  it('reads a sub-attribute after a value filter as part of that filter', () => {
    expect(parseFilter('emails[type eq "work"].value eq "x"')).toEqual(
      parseFilter('emails[type eq "work" and value eq "x"]'),
    );
    expect(parseFilter('emails[type eq "work" or type eq "home"].value pr')).toEqual(
      vp('emails', and(or(cmp('type', 'eq', 'work'), cmp('type', 'eq', 'home')), pr('value'))),
    );
  });

  describe('precedence and grouping', () => {
    const table: [string, Filter][] = [
      ['a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
      ['a pr and b pr or c pr', or(and(pr('a'), pr('b')), pr('c'))],
      ['(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
      ['not (a pr) and b pr', and(not(pr('a')), pr('b'))],
      ['not (a pr or b pr) or c pr', or(not(or(pr('a'), pr('b'))), pr('c'))],
      ['a pr and b pr and c pr', and(pr('a'), pr('b'), pr('c'))],
      ['a pr or b pr or c pr', or(pr('a'), pr('b'), pr('c'))],
      ['a pr and (b pr and c pr)', and(pr('a'), and(pr('b'), pr('c')))],
      ['((a pr))', pr('a')],
      ['not (not (a pr))', not(not(pr('a')))],
      ['a pr or b pr and c pr or d pr', or(pr('a'), and(pr('b'), pr('c')), pr('d'))],
      ['emails[not (type eq "work")]', vp('emails', not(cmp('type', 'eq', 'work')))],
      [
        'emails[(type eq "work" or type eq "home") and primary eq true]',
        vp(
          'emails',
          and(or(cmp('type', 'eq', 'work'), cmp('type', 'eq', 'home')), cmp('primary', 'eq', true)),
        ),
      ],
    ];
    it.each(table)('parses %s', (text, expected) => {
      expect(parseFilter(text)).toEqual(expected);
    });
  });

  describe('keywords, operators and attribute names', () => {
    it('reads operators and keywords in any case, and keeps operators lower-case in the AST', () => {
      expect(parseFilter('userName EQ "a" AND title Pr Or NOT (x Ne 1)')).toEqual(
        or(and(cmp('userName', 'eq', 'a'), pr('title')), not(cmp('x', 'ne', 1))),
      );
      expect(parseFilter('a eq TRUE or b eq False or c eq NULL')).toEqual(
        or(cmp('a', 'eq', true), cmp('b', 'eq', false), cmp('c', 'eq', null)),
      );
    });

    it('parses every comparison operator', () => {
      for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const) {
        expect(parseFilter(`a ${op} "x"`)).toEqual(cmp('a', op, 'x'));
      }
    });

    it('keeps attribute names as written', () => {
      expect(parseFilter('DisplayName eq "x"')).toEqual(cmp('DisplayName', 'eq', 'x'));
      expect(parseFilter('NAME.GivenName pr')).toEqual(pr('NAME.GivenName'));
    });

    it('accepts names with digits, "-", "_" and the $ref sub-attribute', () => {
      expect(parseFilter('x509Certificates.value pr')).toEqual(pr('x509Certificates.value'));
      expect(parseFilter('my-attr_2 pr')).toEqual(pr('my-attr_2'));
      expect(parseFilter('members.$ref pr')).toEqual(pr('members.$ref'));
      expect(parseFilter('members[$ref eq "x"]')).toEqual(vp('members', cmp('$ref', 'eq', 'x')));
    });

    it('reads keywords as attribute names where only an attribute can stand', () => {
      expect(parseFilter('not pr')).toEqual(pr('not'));
      expect(parseFilter('not eq "x" and and pr')).toEqual(and(cmp('not', 'eq', 'x'), pr('and')));
      expect(parseFilter('or pr or pr pr')).toEqual(or(pr('or'), pr('pr')));
      expect(parseFilter('not[value eq 1]')).toEqual(vp('not', cmp('value', 'eq', 1)));
      expect(parseFilter('urn eq true')).toEqual(cmp('urn', 'eq', true));
    });
  });

  describe('URN-qualified paths', () => {
    it('splits at the last ":" so that dots inside the URN stay in the schema', () => {
      expect(parseFilter(`${URN.EnterpriseUser}:manager.value eq "m"`)).toEqual({
        type: 'comparison',
        path: { schema: URN.EnterpriseUser, attribute: 'manager', subAttribute: 'value' },
        operator: 'eq',
        value: 'm',
      });
    });

    it('accepts custom extension URNs and a URN in any case', () => {
      expect(
        parseFilter('URN:ietf:params:scim:schemas:extension:Contoso:2.0:User:costCenter eq "1"'),
      ).toEqual(cmp('URN:ietf:params:scim:schemas:extension:Contoso:2.0:User:costCenter', 'eq', '1'));
    });

    it('accepts a URN-qualified value path', () => {
      expect(parseFilter(`${URN.User}:emails[type eq "work"]`)).toEqual(
        vp(`${URN.User}:emails`, cmp('type', 'eq', 'work')),
      );
    });

    it('reads a bare schema URN as its last segment, like parseAttributePath', () => {
      expect(parseFilter(`${URN.EnterpriseUser} pr`)).toEqual({
        type: 'present',
        path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attribute: 'User' },
      });
    });
  });

  describe('values', () => {
    it('decodes every JSON escape', () => {
      expect(parseFilter('a eq "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20AC \\ud83d\\ude00"')).toEqual(
        cmp('a', 'eq', '" \\ / \b \f \n \r \t é € 😀'),
      );
    });

    it('keeps non-ASCII text, spaces and filter syntax inside strings', () => {
      expect(parseFilter('a eq "Zoë ) and ( [ ] or \' 日本"')).toEqual(
        cmp('a', 'eq', "Zoë ) and ( [ ] or ' 日本"),
      );
      expect(parseFilter('a eq ""')).toEqual(cmp('a', 'eq', ''));
    });

    it('reads JSON numbers', () => {
      const table: [string, number][] = [
        ['0', 0],
        ['-0', -0],
        ['42', 42],
        ['-17', -17],
        ['3.25', 3.25],
        ['1e3', 1000],
        ['1E+3', 1000],
        ['2.5e-3', 0.0025],
        ['-1.5E2', -150],
        ['12345678901234567890', 12345678901234567000],
      ];
      for (const [text, value] of table) expect(parseFilter(`a eq ${text}`)).toEqual(cmp('a', 'eq', value));
      expect(Object.is((parseFilter('a eq -0') as { value: unknown }).value, -0)).toBe(true);
    });

    it('reads true, false and null', () => {
      expect(parseFilter('a eq true')).toEqual(cmp('a', 'eq', true));
      expect(parseFilter('a eq false')).toEqual(cmp('a', 'eq', false));
      expect(parseFilter('a eq null')).toEqual(cmp('a', 'eq', null));
    });
  });

  describe('whitespace', () => {
    it('tolerates extra, leading and trailing spaces, tabs and line breaks', () => {
      expect(parseFilter('  userName   eq\t"a"\r\n  and  ( title  pr )  ')).toEqual(
        and(cmp('userName', 'eq', 'a'), pr('title')),
      );
      expect(parseFilter('emails[ type eq "work" ]')).toEqual(vp('emails', cmp('type', 'eq', 'work')));
      expect(parseFilter('emails [type eq "work"]')).toEqual(vp('emails', cmp('type', 'eq', 'work')));
    });

    it('does not need spaces around parentheses, brackets and strings', () => {
      expect(parseFilter('(a pr)and(b eq"x")or not(c pr)')).toEqual(
        or(and(pr('a'), cmp('b', 'eq', 'x')), not(pr('c'))),
      );
      expect(parseFilter('emails[type eq"work"]')).toEqual(vp('emails', cmp('type', 'eq', 'work')));
    });
  });

  describe('allowUnquotedValues', () => {
    const options = { allowUnquotedValues: true };

    it("reads Entra's legacy unquoted value as a string", () => {
      expect(parseFilter('externalId eq alice', options)).toEqual(cmp('externalId', 'eq', 'alice'));
      expect(parseFilter('userName eq alice@contoso.com and active eq true', options)).toEqual(
        and(cmp('userName', 'eq', 'alice@contoso.com'), cmp('active', 'eq', true)),
      );
      expect(parseFilter(`externalId eq ${GUID}`, options)).toEqual(cmp('externalId', 'eq', GUID));
      expect(parseFilter('(externalId eq a-b_c.d)', options)).toEqual(cmp('externalId', 'eq', 'a-b_c.d'));
      expect(parseFilter('members[value eq u1]', options)).toEqual(vp('members', cmp('value', 'eq', 'u1')));
      expect(parseFilter('externalId eq 007', options)).toEqual(cmp('externalId', 'eq', '007'));
      expect(parseFilter(`schemas eq ${URN.User}`, options)).toEqual(cmp('schemas', 'eq', URN.User));
    });

    it('still reads quoted strings, numbers and literals as JSON', () => {
      expect(parseFilter('a eq "x y"', options)).toEqual(cmp('a', 'eq', 'x y'));
      expect(parseFilter('a eq 12', options)).toEqual(cmp('a', 'eq', 12));
      expect(parseFilter('a eq -1.5e2', options)).toEqual(cmp('a', 'eq', -150));
      expect(parseFilter('a eq True', options)).toEqual(cmp('a', 'eq', true));
      expect(parseFilter('a eq null', options)).toEqual(cmp('a', 'eq', null));
    });
  });

  it('parses a long chain without recursion', () => {
    const text = Array.from({ length: 800 }, (_, i) => `id eq "${i}"`).join(' or ');
    const ast = parseFilter(text, { maxLength: text.length });
    let depth = 0;
    for (let node: Filter = ast; node.type === 'or'; node = node.left) depth++;
    expect(depth).toBe(799);
  });

  it('honours maxLength and maxDepth', () => {
    expect(parseFilter('a pr', { maxLength: 4 })).toEqual(pr('a'));
    expect(parseFilter('((a pr))', { maxDepth: 2 })).toEqual(pr('a'));
    expect(parseFilter('not (emails[type pr])', { maxDepth: 2 })).toEqual(not(vp('emails', pr('type'))));
  });

  it('rejects options that are not positive integers', () => {
    expect(() => parseFilter('a pr', { maxDepth: 0 })).toThrow(
      new TypeError('[scim-filter] maxDepth must be a positive integer, got 0'),
    );
    expect(() => parseFilter('a pr', { maxLength: 1.5 })).toThrow(
      new TypeError('[scim-filter] maxLength must be a positive integer, got 1.5'),
    );
  });
});

describe('parsePath', () => {
  it.each(RFC_PATHS)('parses the RFC 7644 path %s', (text, expected) => {
    expect(parsePath(text)).toEqual(expected);
  });

  it.each(ENTRA_PATHS)('parses the Entra path %s', (text, expected) => {
    expect(parsePath(text)).toEqual(expected);
  });

  it('parses a URN-qualified value path with a sub-attribute', () => {
    expect(parsePath(`${URN.User}:emails[type eq "work"].value`)).toEqual({
      path: { schema: URN.User, attribute: 'emails' },
      filter: cmp('type', 'eq', 'work'),
      subAttribute: 'value',
    });
  });

  it('tolerates surrounding spaces and spaces inside the brackets', () => {
    expect(parsePath('  emails[ type eq "work" ].value ')).toEqual({
      path: path('emails'),
      filter: cmp('type', 'eq', 'work'),
      subAttribute: 'value',
    });
  });

  it('accepts unquoted values when asked', () => {
    expect(parsePath('members[value eq u1]', { allowUnquotedValues: true })).toEqual({
      path: path('members'),
      filter: cmp('value', 'eq', 'u1'),
    });
  });
});
