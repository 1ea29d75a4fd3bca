import { URN } from '@scimkit/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filter, patchPath } from '../test/arbitraries.ts';
import { and, cmp, not, or, path, pr, vp } from '../test/builders.ts';
import type { Filter } from './ast.ts';
import { parseFilter, parsePath } from './parser.ts';
import { stringifyAttributePath, stringifyFilter, stringifyPath } from './print.ts';

describe('stringifyFilter', () => {
  const table: [string, Filter][] = [
    ['userName eq "bjensen"', cmp('userName', 'eq', 'bjensen')],
    ['title pr', pr('title')],
    ['a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
    ['a pr and b pr or c pr', or(and(pr('a'), pr('b')), pr('c'))],
    ['(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and (b pr or c pr)', and(pr('a'), or(pr('b'), pr('c')))],
    ['a pr and (b pr and c pr)', and(pr('a'), and(pr('b'), pr('c')))],
    ['a pr or (b pr or c pr)', or(pr('a'), or(pr('b'), pr('c')))],
    ['a pr and b pr and c pr', and(pr('a'), pr('b'), pr('c'))],
    ['not (a pr or b pr) and c pr', and(not(or(pr('a'), pr('b'))), pr('c'))],
    [
      'emails[type eq "work" and (value co "@x" or primary eq true)]',
      vp('emails', and(cmp('type', 'eq', 'work'), or(cmp('value', 'co', '@x'), cmp('primary', 'eq', true)))),
    ],
    [`${URN.EnterpriseUser}:manager.value eq "m"`, cmp(`${URN.EnterpriseUser}:manager.value`, 'eq', 'm')],
    [
      'a eq "quote \\" backslash \\\\ newline \\n tab \\t"',
      cmp('a', 'eq', 'quote " backslash \\ newline \n tab \t'),
    ],
    [
      'a eq 1e+21 or a eq -0 or a eq 0.5 or a eq null or a eq false',
      or(
        cmp('a', 'eq', 1e21),
        cmp('a', 'eq', -0),
        cmp('a', 'eq', 0.5),
        cmp('a', 'eq', null),
        cmp('a', 'eq', false),
      ),
    ],
  ];

  it.each(table)('prints %s', (text, ast) => {
    expect(stringifyFilter(ast)).toBe(text);
    expect(parseFilter(text)).toEqual(ast);
  });

  it('normalises case and spacing', () => {
    expect(stringifyFilter(parseFilter('  userName   EQ "x"   AND   NOT(title PR)  '))).toBe(
      'userName eq "x" and not (title pr)',
    );
    expect(stringifyFilter(parseFilter('emails[type eq "work"].value eq "x"'))).toBe(
      'emails[type eq "work" and value eq "x"]',
    );
  });

  it('prints a chain of thousands of terms without recursion', () => {
    const ast = and(pr('a'), ...Array.from({ length: 20_000 }, () => pr('b')));
    expect(stringifyFilter(ast)).toBe(`a pr${' and b pr'.repeat(20_000)}`);
  });

  it('refuses ASTs the parser cannot produce', () => {
    const cases: [Filter, string][] = [
      [cmp('a b', 'eq', 1), '"a b" is not an attribute name'],
      [{ type: 'present', path: { schema: 'urn:x', attribute: 'a' } }, '"urn:x" is not a schema URN'],
      [{ type: 'present', path: { schema: 'urn:a:b c', attribute: 'a' } }, '"urn:a:b c" is not a schema URN'],
      [{ ...cmp('a', 'eq', 1), operator: 'xx' as never }, 'unknown operator "xx"'],
      [cmp('a', 'eq', Number.POSITIVE_INFINITY), 'Infinity is not a JSON number'],
      [cmp('a', 'eq', {} as never), '[object Object] is not a filter value'],
      [vp('emails', vp('x', pr('y'))), 'value filters cannot be nested'],
      [vp('emails', pr('type.value')), 'inside a value filter a path is one sub-attribute name'],
      [vp('name.givenName', pr('x')), 'a path with a sub-attribute cannot take a filter'],
      [{ type: 'xor' } as never, 'unknown node type "xor"'],
    ];
    for (const [ast, reason] of cases) {
      expect(() => stringifyFilter(ast)).toThrow(
        new TypeError(`[scim-filter] cannot print this AST: ${reason}`),
      );
    }
  });

  it('round-trips generated ASTs: parseFilter(stringifyFilter(ast)) equals ast', () => {
    fc.assert(
      fc.property(filter(5), (ast) => {
        const text = stringifyFilter(ast);
        expect(parseFilter(text, { maxLength: 1_000_000 })).toEqual(ast);
        // Canonical: printing the parsed AST gives the same text again.
        expect(stringifyFilter(parseFilter(text, { maxLength: 1_000_000 }))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stringifyPath', () => {
  it('prints every form of PATCH path', () => {
    expect(stringifyPath({ path: path('name.familyName') })).toBe('name.familyName');
    expect(stringifyPath({ path: { schema: URN.EnterpriseUser, attribute: 'manager' } })).toBe(
      `${URN.EnterpriseUser}:manager`,
    );
    expect(stringifyPath({ path: path('members'), filter: cmp('value', 'eq', 'u1') })).toBe(
      'members[value eq "u1"]',
    );
    expect(
      stringifyPath({ path: path('emails'), filter: cmp('type', 'eq', 'work'), subAttribute: 'value' }),
    ).toBe('emails[type eq "work"].value');
  });

  it('refuses paths the parser cannot produce', () => {
    expect(() => stringifyPath({ path: path('emails'), subAttribute: 'value' })).toThrow(
      new TypeError(
        '[scim-filter] cannot print this AST: subAttribute needs a filter; put it in path.subAttribute',
      ),
    );
    expect(() => stringifyPath({ path: path('name.givenName'), filter: pr('x') })).toThrow(
      new TypeError('[scim-filter] cannot print this AST: a path with a sub-attribute cannot take a filter'),
    );
  });

  it('round-trips generated paths: parsePath(stringifyPath(path)) equals path', () => {
    fc.assert(
      fc.property(patchPath, (patch) => {
        expect(parsePath(stringifyPath(patch), { maxLength: 1_000_000 })).toEqual(patch);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('stringifyAttributePath', () => {
  it('prints schema, attribute and sub-attribute', () => {
    expect(stringifyAttributePath({ schema: URN.User, attribute: 'name', subAttribute: 'givenName' })).toBe(
      `${URN.User}:name.givenName`,
    );
    expect(stringifyAttributePath({ attribute: 'userName' })).toBe('userName');
  });
});
