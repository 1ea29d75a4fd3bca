import { type AttributePath, describeValue } from '@scimkit/schema';
import { type Grammar, quote, syntaxError } from './_internal/syntax-error.ts';
import type {
  ComparisonFilter,
  ComparisonOperator,
  Filter,
  FilterValue,
  PatchPath,
  PresentFilter,
} from './ast.ts';
import { Lexer, type Token } from './lexer.ts';

/** The current token of a lexer, or a token object. */
type Lexeme = Pick<Token, 'kind' | 'start' | 'end' | 'value'>;

/** Options of `parseFilter` and `parsePath` (RFC 7644 §3.4.2.2, §3.5.2). */
export interface ParseOptions {
  /**
   * Accept values written without quotes, as Entra's legacy lookups send them
   * (`externalId eq alice`): anything up to the next space, ")" or "]" that is not a number,
   * `true`, `false` or `null` is read as a string. Default `false`.
   */
  allowUnquotedValues?: boolean;
  /** Longest accepted input, in UTF-16 code units. Default {@link DEFAULT_MAX_LENGTH}. */
  maxLength?: number;
  /** Deepest accepted nesting of "(", "not (" and "[". Default {@link DEFAULT_MAX_DEPTH}. */
  maxDepth?: number;
}

/** Default `maxLength`: 8 KiB, well above any filter a client sends (RFC 7644 §3.4.2.2 sets no limit). */
export const DEFAULT_MAX_LENGTH = 8192;

/** Default `maxDepth`: far deeper than any real filter nests (RFC 7644 §3.4.2.2 sets no limit). */
export const DEFAULT_MAX_DEPTH = 32;

/**
 * Parses a filter (RFC 7644 §3.4.2.2) into its AST. Throws a 400 `invalidFilter` `ScimError`
 * naming the position, what was expected and what was found.
 */
export function parseFilter(text: string, options?: ParseOptions): Filter {
  return new Parser(text, 'filter', options).parseDocument();
}

/**
 * Parses a PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath [subAttr]`. Throws a 400
 * `invalidPath` `ScimError` naming the position, what was expected and what was found.
 */
export function parsePath(text: string, options?: ParseOptions): PatchPath {
  return new Parser(text, 'path', options).parsePathDocument();
}

const OPERATOR_LIST = 'eq, ne, co, sw, ew, gt, ge, lt, le or pr';
const VALUE = 'a value: a "string", a number, true, false or null';

/**
 * RFC 8141 `"urn:" NID ":" NSS` with a non-empty NSS; the lexer has already stopped the URN
 * at spaces, quotes, parentheses and brackets. The attribute follows the last ":".
 */
function isSchemaUrn(schema: string): boolean {
  // NID: 1 to 32 letters, digits and inner "-" (RFC 8141 asks for 2); "urn:" is there.
  let pos = 4;
  for (; pos < schema.length && pos <= 36; pos++) {
    const code = schema.charCodeAt(pos);
    if (code === 0x3a) break;
    if (!isLetter(code) && !(code >= 0x30 && code <= 0x39) && !(code === 0x2d && pos > 4)) return false;
  }
  return pos > 4 && pos <= 36 && pos + 1 < schema.length && schema.charCodeAt(pos) === 0x3a;
}

/**
 * ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1), or
 * "$ref", the one RFC 7643 sub-attribute outside that rule.
 */
function isAttributeName(text: string): boolean {
  if (text === '' || !isLetter(text.charCodeAt(0))) return text.length === 4 && text.toLowerCase() === '$ref';
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isLetter(code) && !(code >= 0x30 && code <= 0x39) && code !== 0x2d && code !== 0x5f) return false;
  }
  return true;
}

function isLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function operatorOf(source: string, token: Lexeme): ComparisonOperator | 'pr' | undefined {
  if (token.kind !== 'name' || token.end - token.start !== 2) return undefined;
  // "| 0x20" lower-cases ASCII letters; no other character of a name maps onto one.
  const first = source.charCodeAt(token.start) | 0x20;
  switch ((first << 8) | (source.charCodeAt(token.start + 1) | 0x20)) {
    case 0x6571:
      return 'eq';
    case 0x6e65:
      return 'ne';
    case 0x636f:
      return 'co';
    case 0x7377:
      return 'sw';
    case 0x6577:
      return 'ew';
    case 0x6774:
      return 'gt';
    case 0x6765:
      return 'ge';
    case 0x6c74:
      return 'lt';
    case 0x6c65:
      return 'le';
    case 0x7072:
      return 'pr';
    default:
      return undefined;
  }
}

/** True when `token` is `keyword` (given in lower case) in any case. */
function isKeyword(source: string, token: Lexeme, keyword: string): boolean {
  if (token.kind !== 'name' || token.end - token.start !== keyword.length) return false;
  for (let i = 0; i < keyword.length; i++) {
    if ((source.charCodeAt(token.start + i) | 0x20) !== keyword.charCodeAt(i)) return false;
  }
  return true;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`[scim-filter] ${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/**
 * A recursive-descent parser with one method per grammar rule (RFC 7644 §3.4.2.2 Figure 1
 * and §3.5.2). Logical chains are loops, so only "(", "not (" and "[" recurse, and those
 * are bounded by `maxDepth`; every token is read once, so parsing is linear.
 */
class Parser {
  private readonly lexer: Lexer;
  private readonly grammar: Grammar;
  private readonly unquoted: boolean;
  private readonly maxDepth: number;
  private depth = 0;
  /** Inside "[…]": the attribute whose sub-attributes the paths name. */
  private parent: AttributePath | undefined = undefined;

  constructor(source: unknown, grammar: Grammar, options: ParseOptions | undefined) {
    this.grammar = grammar;
    this.unquoted = options?.allowUnquotedValues === true;
    this.maxDepth = positiveInteger(options?.maxDepth, DEFAULT_MAX_DEPTH, 'maxDepth');
    const maxLength = positiveInteger(options?.maxLength, DEFAULT_MAX_LENGTH, 'maxLength');
    if (typeof source !== 'string') {
      throw syntaxError(grammar, '', 0, `a ${grammar} string`, describeValue(source));
    }
    if (source.length > maxLength) {
      throw syntaxError(
        grammar,
        source,
        maxLength,
        `a ${grammar} of at most ${maxLength} characters`,
        `${source.length} characters`,
      );
    }
    this.lexer = new Lexer(source, grammar);
  }

  /** A whole filter: FILTER, then the end of the input. */
  parseDocument(): Filter {
    const filter = this.parseFilter();
    this.expectEnd('"and", "or" or the end of the filter');
    return filter;
  }

  /**
   * ```
   * PATH = attrPath / valuePath [subAttr]
   * ```
   */
  parsePathDocument(): PatchPath {
    const path = this.parseAttrPath();
    const result: PatchPath = { path };
    if (this.lexer.kind === '[') {
      result.filter = this.parseValueFilter(path);
      if (this.atAdjacentDot()) result.subAttribute = this.parseSubAttr();
      this.expectEnd(
        result.subAttribute === undefined
          ? '"." right after "]", or the end of the path'
          : 'the end of the path',
      );
    } else {
      this.expectEnd(path.subAttribute === undefined ? '"[" or the end of the path' : 'the end of the path');
    }
    return result;
  }

  /**
   * ```
   * FILTER = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
   * logExp = FILTER SP ("and" / "or") SP FILTER
   * ```
   * "and" binds tighter than "or" (§3.4.2.2, order of operations), so a FILTER is
   * conjunctions joined by "or", folded to the left.
   */
  parseFilter(): Filter {
    let left = this.parseConjunction();
    while (isKeyword(this.lexer.source, this.lexer, 'or')) {
      this.lexer.advance();
      left = { type: 'or', left, right: this.parseConjunction() };
    }
    return left;
  }

  /**
   * ```
   * logExp = FILTER SP "and" SP FILTER
   * ```
   */
  parseConjunction(): Filter {
    let left = this.parseOperand();
    while (isKeyword(this.lexer.source, this.lexer, 'and')) {
      this.lexer.advance();
      left = { type: 'and', left, right: this.parseOperand() };
    }
    return left;
  }

  /**
   * The alternatives of FILTER other than logExp:
   * ```
   * attrExp / valuePath / *1"not" "(" FILTER ")"
   * ```
   * "not" is a keyword only before "(": an attribute may be called `not`.
   */
  parseOperand(): Filter {
    const token = this.lexer;
    if (token.kind === '(') return this.parseGroup();
    if (isKeyword(token.source, token, 'not')) {
      const next = this.lexer.lookahead();
      if (next.kind === '(') {
        this.lexer.advance();
        return { type: 'not', filter: this.parseGroup() };
      }
      if (next.kind !== '[' && operatorOf(token.source, next) === undefined) {
        throw this.unexpected(next, '"(" after "not"');
      }
    }
    if (token.kind === 'name' || token.kind === 'urn') return this.parseAttrExp();
    const example = this.parent === undefined ? 'userName eq "bjensen"' : 'type eq "work"';
    throw this.unexpected(token, 'an attribute path, "(" or "not ("', example);
  }

  /**
   * ```
   * "(" FILTER ")"
   * ```
   */
  parseGroup(): Filter {
    this.enter();
    this.lexer.advance();
    const filter = this.parseFilter();
    this.expectToken(')', '"and", "or" or ")"');
    this.depth--;
    return filter;
  }

  /**
   * ```
   * attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
   * valuePath = attrPath "[" valFilter "]"
   * ```
   * A sub-attribute after the bracket (`emails[type eq "work"].value eq "x"`, which Entra
   * sends) joins the bracket's filter: `emails[type eq "work" and value eq "x"]`.
   */
  parseAttrExp(): Filter {
    const start = this.lexer.start;
    const path = this.parseAttrPath();
    if (this.lexer.kind !== '[') return this.parseAttrOperation(path, start);
    const filter = this.parseValueFilter(path);
    if (!this.atAdjacentDot()) return { type: 'valuePath', path, filter };
    const subStart = this.lexer.start + 1;
    const attribute = this.parseSubAttr();
    const tail = this.parseAttrOperation({ attribute }, subStart, true);
    return { type: 'valuePath', path, filter: { type: 'and', left: filter, right: tail } };
  }

  /**
   * The operator and value of an attrExp:
   * ```
   * (SP "pr") / (SP compareOp SP compValue)
   * compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
   * ```
   */
  parseAttrOperation(
    path: AttributePath,
    start: number,
    afterBracket = false,
  ): ComparisonFilter | PresentFilter {
    const lexer = this.lexer;
    const operator = operatorOf(lexer.source, lexer);
    if (operator === undefined) {
      // Only a path that could have taken a "[" mentions it.
      const bracket = !afterBracket && this.parent === undefined && path.subAttribute === undefined;
      throw this.unexpected(
        lexer,
        bracket ? `an operator (${OPERATOR_LIST}) or "["` : `an operator: ${OPERATOR_LIST}`,
        `${lexer.source.slice(start, lexer.previousEnd)} eq "value"`,
      );
    }
    if (operator === 'pr') {
      lexer.advance();
      return { type: 'present', path };
    }
    lexer.advanceToValue(this.unquoted);
    const value = this.parseCompValue(start);
    return { type: 'comparison', path, operator, value };
  }

  /**
   * ```
   * compValue = false / null / true / number / string
   * ```
   * JSON (ECMA-404) literals, numbers and strings; the literals in any case.
   */
  parseCompValue(start: number): FilterValue {
    const lexer = this.lexer;
    switch (lexer.kind) {
      case 'string':
      case 'number':
      case 'word': {
        const value = lexer.value;
        lexer.advance();
        return value;
      }
      case 'name': {
        const source = lexer.source;
        const literal = isKeyword(source, lexer, 'true')
          ? true
          : isKeyword(source, lexer, 'false')
            ? false
            : isKeyword(source, lexer, 'null')
              ? null
              : undefined;
        if (literal !== undefined) {
          lexer.advance();
          return literal;
        }
        // A bare word: show the same comparison with the word quoted.
        const written = source.slice(start, lexer.start);
        throw this.unexpected(lexer, VALUE, `${written}${JSON.stringify(lexer.text())}`);
      }
    }
    throw this.unexpected(lexer, VALUE);
  }

  /**
   * ```
   * valuePath = attrPath "[" valFilter "]"
   * valFilter = attrExp / logExp / *1"not" "(" valFilter ")"
   * ```
   * Returns the valFilter. Inside the brackets paths name sub-attributes of `path`.
   */
  parseValueFilter(path: AttributePath): Filter {
    const open = this.lexer;
    if (this.parent !== undefined) {
      throw this.unexpected(open, `an operator: ${OPERATOR_LIST} (value filters cannot be nested)`);
    }
    if (path.subAttribute !== undefined) {
      const instead = this.grammar === 'path' ? 'the end of the path' : `an operator: ${OPERATOR_LIST}`;
      throw this.unexpected(open, `${instead} (a sub-attribute cannot take a value filter)`);
    }
    this.enter();
    this.lexer.advance();
    this.parent = path;
    const filter = this.parseFilter();
    this.expectToken(']', '"and", "or" or "]"');
    this.parent = undefined;
    this.depth--;
    return filter;
  }

  /**
   * ```
   * subAttr = "." ATTRNAME
   * ```
   * After a value filter's "]", with no space on either side of the ".".
   */
  parseSubAttr(): string {
    const lexer = this.lexer;
    const dotEnd = lexer.end;
    lexer.advance();
    const token = lexer;
    if (token.kind !== 'name' || token.start !== dotEnd) {
      throw this.unexpected(token, 'a sub-attribute name right after "."');
    }
    const name = lexer.text();
    const inner = name.indexOf('.');
    if (inner !== -1) {
      throw this.invalidAt(
        token.start + inner,
        'one sub-attribute name after "]." (it cannot have sub-attributes)',
        quote(name),
      );
    }
    this.checkName(name, token.start);
    lexer.advance();
    return name;
  }

  /**
   * ```
   * attrPath = [URI ":"] ATTRNAME *1subAttr
   * ATTRNAME = ALPHA *(nameChar)
   * nameChar = "-" / "_" / DIGIT / ALPHA
   * subAttr  = "." ATTRNAME
   * ```
   * URIs contain dots, so a URN-qualified path splits at its last ":". Inside "[…]" a path
   * is one sub-attribute name: complex attributes do not nest (RFC 7643 §2.3.8).
   */
  parseAttrPath(): AttributePath {
    const token = this.lexer;
    let path: AttributePath;
    if (token.plain) {
      const text = token.text();
      const dot = text.indexOf('.');
      path =
        dot === -1
          ? { attribute: text }
          : { attribute: text.slice(0, dot), subAttribute: text.slice(dot + 1) };
    } else if (token.kind === 'name') path = this.splitName(token.text(), token.start);
    else if (token.kind === 'urn') path = this.splitUrn(token);
    else {
      const example = this.grammar === 'path' ? 'emails[type eq "work"].value' : 'userName eq "bjensen"';
      throw this.unexpected(token, 'an attribute path', example);
    }
    const parent = this.parent;
    if (parent !== undefined && (path.schema !== undefined || path.subAttribute !== undefined)) {
      throw this.unexpected(token, `a sub-attribute name of ${parent.attribute}, such as "value"`);
    }
    this.lexer.advance();
    return path;
  }

  private splitName(text: string, start: number): AttributePath {
    const dot = text.indexOf('.');
    if (dot === -1) {
      this.checkName(text, start);
      return { attribute: text };
    }
    const attribute = text.slice(0, dot);
    this.checkName(attribute, start);
    const subAttribute = text.slice(dot + 1);
    if (subAttribute === '' || subAttribute.charCodeAt(0) === 0x2e) {
      throw this.invalidAt(start + dot + 1, 'a sub-attribute name after "."', quote(text));
    }
    const second = subAttribute.indexOf('.');
    if (second !== -1) {
      throw this.invalidAt(
        start + dot + 1 + second,
        'at most one sub-attribute, as in "name.givenName"',
        quote(text),
      );
    }
    this.checkName(subAttribute, start + dot + 1);
    return { attribute, subAttribute };
  }

  private splitUrn(token: Lexeme): AttributePath {
    const text = this.lexer.source.slice(token.start, token.end);
    const colon = text.lastIndexOf(':');
    const schema = text.slice(0, colon);
    if (colon === text.length - 1) {
      throw this.invalidAt(token.end, 'an attribute name after the schema URN', quote(text));
    }
    if (!isSchemaUrn(schema)) {
      throw this.unexpected(
        token,
        'a schema URN, ":" and an attribute name',
        'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      );
    }
    const path = this.splitName(text.slice(colon + 1), token.start + colon + 1);
    return path.subAttribute === undefined
      ? { schema, attribute: path.attribute }
      : { schema, attribute: path.attribute, subAttribute: path.subAttribute };
  }

  private checkName(name: string, start: number): void {
    if (!isAttributeName(name)) {
      throw this.invalidAt(
        start,
        'an attribute name: a letter, then letters, digits, "-" or "_"',
        quote(name),
      );
    }
  }

  private atAdjacentDot(): boolean {
    const lexer = this.lexer;
    return lexer.kind === '.' && lexer.start === lexer.previousEnd;
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) {
      const token = this.lexer;
      const levels = this.maxDepth === 1 ? 'level' : 'levels';
      throw this.invalidAt(
        token.start,
        `at most ${this.maxDepth} ${levels} of nested parentheses and brackets`,
        `"${token.kind}" opening level ${this.depth}`,
      );
    }
  }

  private expectToken(kind: ')' | ']', expected: string): void {
    const token = this.lexer;
    if (token.kind !== kind) throw this.unexpected(token, expected);
    this.lexer.advance();
  }

  private expectEnd(expected: string): void {
    const token = this.lexer;
    if (token.kind !== 'eof') throw this.unexpected(token, expected);
  }

  /** The error for `token` where `expected` should have been. */
  private unexpected(token: Lexeme, expected: string, example?: string): Error {
    return this.invalidAt(token.start, expected, this.describe(token), example);
  }

  /** The error for a problem at `position`, which may lie inside a token. */
  private invalidAt(position: number, expected: string, found: string, example?: string): Error {
    return syntaxError(this.grammar, this.lexer.source, position, expected, found, example);
  }

  private describe(token: Lexeme): string {
    const source = this.lexer.source;
    switch (token.kind) {
      case 'eof':
        return this.lexer.eof;
      case 'string':
        return `the string ${quote(token.value as string)}`;
      case 'number':
        return `the number ${source.slice(token.start, token.end)}`;
      default:
        return quote(source.slice(token.start, token.end));
    }
  }
}
