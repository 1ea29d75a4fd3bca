import { URN } from '@scimkit/schema';
import fc from 'fast-check';
import type {
  AttributePath,
  ComparisonOperator,
  Filter,
  FilterValue,
  PatchPath,
  ValuePathFilter,
} from '../src/ast.ts';

// Keywords are legal attribute names too; the printer and parser must keep them apart.
const KEYWORDS = ['not', 'and', 'or', 'pr', 'eq', 'true', 'null', 'urn', 'NOT', 'And', '$ref', '$REF'];

export const attributeName: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/),
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom('userName', 'emails', 'value', 'type', 'name', 'givenName', 'manager', 'members'),
);

export const schemaUrn: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(URN.User, URN.EnterpriseUser, 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User'),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,6}$/), fc.stringMatching(/^[A-Za-z0-9._:~-]{1,20}$/))
    .map(([nid, nss]) => `urn:${nid}:${nss}`),
);

export const attributePath: fc.Arbitrary<AttributePath> = fc.oneof(
  { weight: 3, arbitrary: attributeName.map((attribute) => ({ attribute })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(attributeName, attributeName)
      .map(([attribute, subAttribute]) => ({ attribute, subAttribute })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record(
        { schema: schemaUrn, attribute: attributeName, subAttribute: attributeName },
        { requiredKeys: ['schema', 'attribute'] },
      )
      .map((path) => path as AttributePath),
  },
);

/** Top-level paths that may take "[…]": no sub-attribute. */
const collectionPath: fc.Arbitrary<AttributePath> = fc.oneof(
  { weight: 3, arbitrary: attributeName.map((attribute) => ({ attribute })) },
  { weight: 1, arbitrary: fc.record({ schema: schemaUrn, attribute: attributeName }) },
);

/** Inside "[…]" a path is one sub-attribute name. */
const relativePath: fc.Arbitrary<AttributePath> = attributeName.map((attribute) => ({ attribute }));

const anyCharacter = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const filterValue: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: anyCharacter }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const operator: fc.Arbitrary<ComparisonOperator> = fc.constantFrom(
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
);

const cache = new Map<string, fc.Arbitrary<Filter>>();

/** Filter ASTs of at most `depth` levels of nodes, as the parser can produce them. */
export function filter(depth: number, inBrackets = false): fc.Arbitrary<Filter> {
  const key = `${depth}:${inBrackets}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const path = inBrackets ? relativePath : attributePath;
  const leaf: fc.Arbitrary<Filter> = fc.oneof(
    fc.record({ type: fc.constant('comparison' as const), path, operator, value: filterValue }),
    fc.record({ type: fc.constant('present' as const), path }),
  );
  let result = leaf;
  if (depth > 0) {
    const child = filter(depth - 1, inBrackets);
    const branches: fc.Arbitrary<Filter>[] = [
      leaf,
      fc.record({ type: fc.constantFrom('and' as const, 'or' as const), left: child, right: child }),
      fc.record({ type: fc.constant('not' as const), filter: child }),
    ];
    if (!inBrackets) branches.push(valuePath(depth - 1));
    result = fc.oneof(...branches);
  }
  cache.set(key, result);
  return result;
}

function valuePath(depth: number): fc.Arbitrary<ValuePathFilter> {
  return fc.record({
    type: fc.constant('valuePath' as const),
    path: collectionPath,
    filter: filter(depth, true),
  });
}

export const patchPath: fc.Arbitrary<PatchPath> = fc.oneof(
  attributePath.map((path) => ({ path })),
  fc
    .record(
      { path: collectionPath, filter: filter(3, true), subAttribute: attributeName },
      { requiredKeys: ['path', 'filter'] },
    )
    .map((path) => path as PatchPath),
);

/** Text made of filter tokens and fragments, to reach deep into the parser when fuzzing. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ' ',
        '  ',
        '(',
        ')',
        '[',
        ']',
        '.',
        '"',
        '\\',
        '"x"',
        '"\\u00e9"',
        '"\\',
        'and',
        'or',
        'not',
        'NOT (',
        'eq',
        'pr',
        'gt',
        'emails',
        'value',
        'type',
        'name.givenName',
        '$ref',
        'urn:',
        URN.EnterpriseUser,
        ':',
        ':manager',
        '0',
        '-',
        '1.5',
        'e',
        'E+',
        'true',
        'null',
        'alice@x',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
