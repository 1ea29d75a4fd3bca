import { createRegistry, isScimError, URN } from '@scimkit/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenSoup } from '../test/arbitraries.ts';
import type { Filter } from './ast.ts';
import { compileFilter } from './evaluate.ts';
import { type ParseOptions, parseFilter, parsePath } from './parser.ts';
import { stringifyFilter, stringifyPath } from './print.ts';

const registry = createRegistry();

const USER = {
  schemas: [URN.User, URN.EnterpriseUser],
  id: 'u1',
  userName: 'alice@contoso.com',
  active: true,
  name: { givenName: 'Alice', familyName: 'Smith' },
  emails: [{ type: 'work', value: 'alice@contoso.com', primary: true }],
  meta: { resourceType: 'User', created: '2020-01-01T00:00:00Z', lastModified: '2021-01-01T00:00:00Z' },
  [URN.EnterpriseUser]: { department: 'Sales', manager: { value: 'm1' } },
};

const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  tokenSoup,
);

/** Runs `parse`; anything thrown must be a 400 ScimError of `scimType` with a position inside the text. */
function parseOrScimError<T>(
  text: string,
  scimType: 'invalidFilter' | 'invalidPath',
  parse: () => T,
): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(isScimError(error), `threw ${String(error)} for ${JSON.stringify(text)}`).toBe(true);
    if (!isScimError(error)) return undefined;
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    return undefined;
  }
}

/** Compiling may reject a filter the schema forbids, with invalidFilter; matching never throws. */
function evaluateOrScimError(ast: Filter): void {
  for (const options of [{ registry, resourceType: 'User' }, {}] as const) {
    let match: ((resource: object) => boolean) | undefined;
    try {
      match = compileFilter(ast, options);
    } catch (error) {
      expect(isScimError(error) && error.scimType === 'invalidFilter', String(error)).toBe(true);
      continue;
    }
    expect(typeof match(USER)).toBe('boolean');
    expect(typeof match({})).toBe('boolean');
  }
}

describe('parsing arbitrary text', () => {
  for (const options of [{}, { allowUnquotedValues: true }] satisfies ParseOptions[]) {
    it(`only ever throws ScimError invalidFilter, and what parses round-trips (${JSON.stringify(options)})`, () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const ast = parseOrScimError(text, 'invalidFilter', () => parseFilter(text, options));
          if (ast === undefined) return;
          expect(parseFilter(stringifyFilter(ast))).toEqual(ast);
          evaluateOrScimError(ast);
        }),
        { numRuns: 3000 },
      );
    });

    it(`only ever throws ScimError invalidPath from parsePath (${JSON.stringify(options)})`, () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const path = parseOrScimError(text, 'invalidPath', () => parsePath(text, options));
          if (path !== undefined) expect(parsePath(stringifyPath(path))).toEqual(path);
        }),
        { numRuns: 3000 },
      );
    });
  }
});

describe('100 kB adversarial input', () => {
  const SIZE = 100_000;
  const options: ParseOptions = { maxLength: 4 * SIZE, allowUnquotedValues: true };
  const chain = `${'userName eq "a" and '.repeat(SIZE / 20)}title pr`;
  const inputs: [string, string, 'parses' | 'fails'][] = [
    ['a chain of "and"', chain, 'parses'],
    [
      'a chain of "or" in one value filter',
      `emails[${'type eq "w" or '.repeat(SIZE / 15)}value pr]`,
      'parses',
    ],
    ['one long attribute name', `${'a'.repeat(SIZE)} pr`, 'parses'],
    ['one long string of escapes', `a eq "${'\\u0041\\n'.repeat(SIZE / 8)}"`, 'parses'],
    ['one long unquoted value', `externalId eq ${'x'.repeat(SIZE)}`, 'parses'],
    ['one long URN', `urn:a:${'b.c:'.repeat(SIZE / 4)}d pr`, 'parses'],
    ['spaces', `${' '.repeat(SIZE)}a pr${' '.repeat(SIZE)}`, 'parses'],
    ['opening parentheses', '('.repeat(SIZE), 'fails'],
    ['"not (" repeated', 'not ('.repeat(SIZE / 5), 'fails'],
    ['opening brackets', 'a['.repeat(SIZE / 2), 'fails'],
    ['an unterminated string', `a eq "${'x'.repeat(SIZE)}`, 'fails'],
    ['a huge number', `a eq ${'9'.repeat(SIZE)}`, 'fails'],
    ['dots', `a${'.'.repeat(SIZE)} pr`, 'fails'],
    ['backslashes', `a eq "${'\\'.repeat(SIZE - 1)}"`, 'fails'],
    ['colons', `urn:${':'.repeat(SIZE)}`, 'fails'],
    ['brackets', '[]'.repeat(SIZE / 2), 'fails'],
    ['operators', 'eq '.repeat(Math.ceil(SIZE / 3)), 'fails'],
  ];

  it.each(inputs)('handles %s in one linear pass', (_, text, outcome) => {
    expect(text.length).toBeGreaterThanOrEqual(SIZE);
    const ast = parseOrScimError(text, 'invalidFilter', () => parseFilter(text, options));
    expect(ast === undefined ? 'fails' : 'parses').toBe(outcome);
    // Deep ASTs are compared through their canonical text: deep equality would recurse.
    if (ast !== undefined) {
      const printed = stringifyFilter(ast);
      expect(stringifyFilter(parseFilter(printed, options))).toBe(printed);
    }
    const path = parseOrScimError(text, 'invalidPath', () => parsePath(text, options));
    if (path !== undefined) {
      const printed = stringifyPath(path);
      expect(stringifyPath(parsePath(printed, options))).toBe(printed);
    }
  });

  it('prints and evaluates a 100 kB chain without deep recursion', () => {
    const ast = parseFilter(chain, options);
    expect(stringifyFilter(ast)).toBe(chain);
    const user = { userName: 'a', title: 'x' };
    expect(compileFilter(ast)(user)).toBe(true);
    expect(compileFilter(ast, { registry, resourceType: 'User' })({ ...user, userName: 'b' })).toBe(false);
  });

  it('rejects 100 kB at once with the default maxLength', () => {
    const error = parseOrScimError(chain, 'invalidFilter', () => parseFilter(chain));
    expect(error).toBeUndefined();
  });
});
