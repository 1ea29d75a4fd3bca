import { isScimError, type ScimError } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { type ParseOptions, parseFilter, parsePath } from './parser.ts';

/** [what is wrong, input, options, position, first line of the detail] */
type BadInput = [string, string, ParseOptions, number, string];

const OPERATOR = 'an operator: eq, ne, co, sw, ew, gt, ge, lt, le or pr';
const OPERATOR_OR_BRACKET = 'an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) or "["';
const OPERAND = 'an attribute path, "(" or "not ("';
const VALUE = 'a value: a "string", a number, true, false or null';
const AT = (position: number) => `Invalid filter at position ${position}: expected`;

const FILTERS: BadInput[] = [
  [
    'an empty filter',
    '',
    {},
    0,
    `${AT(0)} ${OPERAND}, found the end of the filter. Example: userName eq "bjensen"`,
  ],
  [
    'only spaces',
    '   ',
    {},
    3,
    `${AT(3)} ${OPERAND}, found the end of the filter. Example: userName eq "bjensen"`,
  ],
  ['a missing value', 'userName eq', {}, 11, `${AT(11)} ${VALUE}, found the end of the filter.`],
  [
    'a missing operator',
    'userName',
    {},
    8,
    `${AT(8)} ${OPERATOR_OR_BRACKET}, found the end of the filter. Example: userName eq "value"`,
  ],
  [
    'an unknown operator',
    'userName xx "bjensen"',
    {},
    9,
    `${AT(9)} ${OPERATOR_OR_BRACKET}, found "xx". Example: userName eq "value"`,
  ],
  [
    'trailing junk',
    'userName eq "bjensen" xyz',
    {},
    22,
    `${AT(22)} "and", "or" or the end of the filter, found "xyz".`,
  ],
  [
    'an unbalanced ")"',
    'userName eq "bjensen")',
    {},
    21,
    `${AT(21)} "and", "or" or the end of the filter, found ")".`,
  ],
  [
    'an unclosed "("',
    '(userName eq "bjensen"',
    {},
    22,
    `${AT(22)} "and", "or" or ")", found the end of the filter.`,
  ],
  [
    'an unclosed "["',
    'emails[type eq "work"',
    {},
    21,
    `${AT(21)} "and", "or" or "]", found the end of the filter.`,
  ],
  [
    'a missing "["',
    'emails type eq "work"]',
    {},
    7,
    `${AT(7)} ${OPERATOR_OR_BRACKET}, found "type". Example: emails eq "value"`,
  ],
  [
    'an extra "]"',
    'emails[type eq "work"]]',
    {},
    22,
    `${AT(22)} "and", "or" or the end of the filter, found "]".`,
  ],
  [
    'brackets nested in brackets',
    'emails[type[value eq "x"] eq "work"]',
    {},
    11,
    `${AT(11)} ${OPERATOR} (value filters cannot be nested), found "[".`,
  ],
  [
    'a value path nested in brackets',
    'emails[addresses[type eq "x"]]',
    {},
    16,
    `${AT(16)} ${OPERATOR} (value filters cannot be nested), found "[".`,
  ],
  ['empty brackets', 'emails[]', {}, 7, `${AT(7)} ${OPERAND}, found "]". Example: type eq "work"`],
  ['empty parentheses', '()', {}, 1, `${AT(1)} ${OPERAND}, found ")". Example: userName eq "bjensen"`],
  [
    'a dangling "and"',
    'userName eq "x" and',
    {},
    19,
    `${AT(19)} ${OPERAND}, found the end of the filter. Example: userName eq "bjensen"`,
  ],
  ['"not" without parentheses', 'not userName eq "x"', {}, 4, `${AT(4)} "(" after "not", found "userName".`],
  ['"not" alone', 'not', {}, 3, `${AT(3)} "(" after "not", found the end of the filter.`],
  [
    'an unterminated string',
    'userName eq "bjensen',
    {},
    20,
    `${AT(20)} a closing quotation mark for the string that starts at position 12, found the end of the filter.`,
  ],
  [
    'an unknown escape',
    'userName eq "bad \\x escape"',
    {},
    17,
    `${AT(17)} an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX, found "\\\\x".`,
  ],
  [
    'a short \\u escape',
    'userName eq "\\u12"',
    {},
    13,
    `${AT(13)} four hexadecimal digits after \\u, found "\\\\u12\\"".`,
  ],
  [
    'a single-quoted string',
    "userName eq 'bjensen'",
    {},
    12,
    `${AT(12)} an attribute path, an operator, a value, "(", ")", "[" or "]", found the character "'".`,
  ],
  ['a leading zero', 'age eq 01', {}, 8, `${AT(8)} a number without leading zeros, found "01".`],
  ['a fraction without digits', 'age eq 1.', {}, 9, `${AT(9)} a digit, found the end of the filter.`],
  ['a lone minus', 'age eq -x', {}, 8, `${AT(8)} a digit, found the character "x".`],
  ['an exponent without digits', 'age eq 1e', {}, 9, `${AT(9)} a digit, found the end of the filter.`],
  [
    'a number out of range',
    'age eq 1e999',
    {},
    7,
    `${AT(7)} a number of at most 1.7976931348623157e308 in magnitude, found "1e999".`,
  ],
  ['two values', 'age eq 1 2', {}, 9, `${AT(9)} "and", "or" or the end of the filter, found the number 2.`],
  [
    'a JSON object as value',
    'a eq {"x":1}',
    {},
    5,
    `${AT(5)} an attribute path, an operator, a value, "(", ")", "[" or "]", found the character "{".`,
  ],
  ['a JSON array as value', 'a eq [1]', {}, 5, `${AT(5)} ${VALUE}, found "[".`],
  [
    'an unquoted value without allowUnquotedValues',
    'externalId eq alice',
    {},
    14,
    `${AT(14)} ${VALUE}, found "alice". Example: externalId eq "alice"`,
  ],
  [
    'two sub-attributes',
    'a.b.c eq 1',
    {},
    3,
    `${AT(3)} at most one sub-attribute, as in "name.givenName", found "a.b.c".`,
  ],
  ['an empty sub-attribute', 'name. eq 1', {}, 5, `${AT(5)} a sub-attribute name after ".", found "name.".`],
  [
    'a name starting with a digit',
    '1abc eq 1',
    {},
    0,
    `${AT(0)} ${OPERAND}, found the number 1. Example: userName eq "bjensen"`,
  ],
  [
    'an invalid name',
    '$foo eq 1',
    {},
    0,
    `${AT(0)} an attribute name: a letter, then letters, digits, "-" or "_", found "$foo".`,
  ],
  [
    'a malformed URN',
    'urn:x eq 1',
    {},
    0,
    `${AT(0)} a schema URN, ":" and an attribute name, found "urn:x". Example: urn:ietf:params:scim:schemas:core:2.0:User:userName`,
  ],
  [
    'a sub-attribute path inside brackets',
    'emails[type.value eq "work"]',
    {},
    7,
    `${AT(7)} a sub-attribute name of emails, such as "value", found "type.value".`,
  ],
  [
    'a value filter after a sub-attribute',
    'name.givenName[value eq "x"]',
    {},
    14,
    `${AT(14)} ${OPERATOR} (a sub-attribute cannot take a value filter), found "[".`,
  ],
  [
    'an unexpected character',
    'userName eq "x" @',
    {},
    16,
    `${AT(16)} an attribute path, an operator, a value, "(", ")", "[" or "]", found the character "@".`,
  ],
  [
    'a sub-attribute after "]" without an operator',
    'emails[type eq "work"].value',
    {},
    28,
    `${AT(28)} ${OPERATOR}, found the end of the filter. Example: value eq "value"`,
  ],
  [
    'a space before the "." after "]"',
    'emails[type eq "work"] .value eq "x"',
    {},
    23,
    `${AT(23)} "and", "or" or the end of the filter, found ".".`,
  ],
  [
    'a space after the "." after "]"',
    'emails[type eq "work"]. value eq "x"',
    {},
    24,
    `${AT(24)} a sub-attribute name right after ".", found "value".`,
  ],
  [
    'a sub-attribute of a sub-attribute after "]"',
    'emails[type eq "work"].value.x eq "x"',
    {},
    28,
    `${AT(28)} one sub-attribute name after "]." (it cannot have sub-attributes), found "value.x".`,
  ],
  [
    'nesting deeper than maxDepth',
    '(((a pr)))',
    { maxDepth: 2 },
    2,
    `${AT(2)} at most 2 levels of nested parentheses and brackets, found "(" opening level 3.`,
  ],
  [
    'brackets beyond maxDepth',
    '(emails[type eq "work"])',
    { maxDepth: 1 },
    7,
    `${AT(7)} at most 1 level of nested parentheses and brackets, found "[" opening level 2.`,
  ],
  [
    'input longer than maxLength',
    'userName eq "bjensen"',
    { maxLength: 10 },
    10,
    `${AT(10)} a filter of at most 10 characters, found 21 characters.`,
  ],
  [
    'allowUnquotedValues and a missing value',
    'externalId eq )',
    { allowUnquotedValues: true },
    14,
    `${AT(14)} ${VALUE}, found ")".`,
  ],
];

const PATH_AT = (position: number) => `Invalid path at position ${position}: expected`;

const PATHS: BadInput[] = [
  [
    'an empty path',
    '',
    {},
    0,
    `${PATH_AT(0)} an attribute path, found the end of the path. Example: emails[type eq "work"].value`,
  ],
  [
    'a filter instead of a path',
    'userName eq "x"',
    {},
    9,
    `${PATH_AT(9)} "[" or the end of the path, found "eq".`,
  ],
  [
    'an unclosed "["',
    'members[value eq "u1"',
    {},
    21,
    `${PATH_AT(21)} "and", "or" or "]", found the end of the path.`,
  ],
  [
    'two sub-attributes',
    'name.givenName.x',
    {},
    14,
    `${PATH_AT(14)} at most one sub-attribute, as in "name.givenName", found "name.givenName.x".`,
  ],
  [
    'junk after "]"',
    'emails[type eq "work"]x',
    {},
    22,
    `${PATH_AT(22)} "." right after "]", or the end of the path, found "x".`,
  ],
  [
    'a "." without a sub-attribute',
    'emails[type eq "work"].',
    {},
    23,
    `${PATH_AT(23)} a sub-attribute name right after ".", found the end of the path.`,
  ],
  [
    'a sub-attribute of a sub-attribute',
    'emails[type eq "work"].value.x',
    {},
    28,
    `${PATH_AT(28)} one sub-attribute name after "]." (it cannot have sub-attributes), found "value.x".`,
  ],
  ['a missing value', 'emails[type eq]', {}, 14, `${PATH_AT(14)} ${VALUE}, found "]".`],
  [
    'a value filter after a sub-attribute',
    'name.givenName[x pr]',
    {},
    14,
    `${PATH_AT(14)} the end of the path (a sub-attribute cannot take a value filter), found "[".`,
  ],
  [
    'brackets nested in brackets',
    'emails[type[value eq "x"] eq "work"]',
    {},
    11,
    `${PATH_AT(11)} ${OPERATOR} (value filters cannot be nested), found "[".`,
  ],
  ['empty brackets', 'emails[]', {}, 7, `${PATH_AT(7)} ${OPERAND}, found "]". Example: type eq "work"`],
  ['junk after the path', 'name.givenName x', {}, 15, `${PATH_AT(15)} the end of the path, found "x".`],
];

function caught(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (isScimError(error)) return error;
    throw error;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}

describe('parseFilter on bad input', () => {
  it.each(FILTERS)('rejects %s', (_, text, options, position, message) => {
    const error = caught(() => parseFilter(text, options));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.position).toBe(position);
    // The detail is the message, then the input with a caret under the position.
    expect(error.detail).toBe(`${message}\n  ${text}\n  ${' '.repeat(position)}^`);
    expect(error.toJSON()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail: error.detail,
    });
  });

  it('shows a window of a long input around the error, marked with ellipses', () => {
    const error = caught(() => parseFilter('urn:ietf:params:scim:schemas:core:2.0:User: eq 1'));
    expect(error.position).toBe(43);
    expect(error.detail).toBe(
      `${AT(43)} an attribute name after the schema URN, found "urn:ietf:params:scim:schemas:cor…".\n` +
        '  …rams:scim:schemas:core:2.0:User: eq 1\n' +
        `  ${' '.repeat(33)}^`,
    );
    const inBrackets = caught(() =>
      parseFilter('emails[urn:ietf:params:scim:schemas:core:2.0:User:type eq "work"]'),
    );
    expect(inBrackets.detail).toBe(
      `${AT(7)} a sub-attribute name of emails, such as "value", found "urn:ietf:params:scim:schemas:cor…".\n` +
        '  emails[urn:ietf:params:scim:schemas:cor…\n' +
        '         ^',
    );
  });

  it('replaces control characters in the excerpt so that the caret stays aligned', () => {
    const error = caught(() => parseFilter('userName eq "a\u0001b"'));
    expect(error.position).toBe(14);
    expect(error.detail).toBe(
      `${AT(14)} a character of the string or an escape such as \\n, found the character U+0001.\n` +
        '  userName eq "a b"\n' +
        `  ${' '.repeat(14)}^`,
    );
  });

  it('rejects nesting deeper than the default of 32', () => {
    const text = `${'('.repeat(33)}a pr${')'.repeat(33)}`;
    const error = caught(() => parseFilter(text));
    expect(error.position).toBe(32);
    expect(error.detail.split('\n')[0]).toBe(
      `${AT(32)} at most 32 levels of nested parentheses and brackets, found "(" opening level 33.`,
    );
    expect(parseFilter(`${'('.repeat(32)}a pr${')'.repeat(32)}`)).toEqual({
      type: 'present',
      path: { attribute: 'a' },
    });
  });

  it('rejects input longer than the default of 8192 characters before reading it', () => {
    const text = `userName eq "${'x'.repeat(9000)}"`;
    const error = caught(() => parseFilter(text));
    expect(error.position).toBe(8192);
    expect(error.detail).toBe(
      `${AT(8192)} a filter of at most 8192 characters, found 9014 characters.\n` +
        `  …${'x'.repeat(64)}…\n` +
        `  ${' '.repeat(33)}^`,
    );
  });

  it('rejects a value that is not a string', () => {
    const error = caught(() => parseFilter(undefined as unknown as string));
    expect(error.position).toBe(0);
    expect(error.detail).toBe(`${AT(0)} a filter string, found nothing.\n  \n  ^`);
    expect(caught(() => parsePath(42 as unknown as string)).detail.split('\n')[0]).toBe(
      `${PATH_AT(0)} a path string, found number 42.`,
    );
  });
});

describe('parsePath on bad input', () => {
  it.each(PATHS)('rejects %s', (_, text, options, position, message) => {
    const error = caught(() => parsePath(text, options));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidPath');
    expect(error.position).toBe(position);
    expect(error.detail).toBe(`${message}\n  ${text}\n  ${' '.repeat(position)}^`);
  });
});
