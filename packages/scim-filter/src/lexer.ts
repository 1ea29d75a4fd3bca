import { type Grammar, quote, syntaxError } from './_internal/syntax-error.ts';

/**
 * Token kinds. `name` is a run of attribute-name characters and dots (`name.givenName`,
 * `eq`, `and`, `true`): the parser decides by position whether it is a path or a keyword.
 * `urn` is a schema-qualified path. `word` is an unquoted value, produced only when the
 * parser asks for one (Entra's legacy `externalId eq alice`).
 */
export type TokenKind = 'name' | 'urn' | 'string' | 'number' | 'word' | '(' | ')' | '[' | ']' | '.' | 'eof';

/** One token: its kind, its zero-based [start, end) span, and its text or decoded value. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** The decoded string or number for `string` and `number`; the raw text otherwise. */
  value: string | number;
  /**
   * For `name`: the text is already a valid `ATTRNAME ["." ATTRNAME]` without "$", so the
   * parser need not check it again.
   */
  plain: boolean;
}

// Character classes of the first 128 code points; everything above is "other".
const OTHER = 0;
const SPACE = 1;
const LETTER = 2;
const DIGIT = 3;
const NAME_PART = 4; // "-", "_", "$"
const PUNCT = 5;
const DOT = 6;
const CLASS = new Uint8Array(128);
for (const c of ' \t\n\r') CLASS[c.charCodeAt(0)] = SPACE;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = LETTER;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LETTER;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
for (const c of '-_$') CLASS[c.charCodeAt(0)] = NAME_PART;
for (const c of '()[]') CLASS[c.charCodeAt(0)] = PUNCT;
CLASS[0x2e] = DOT;

// A sticky scanner for the run of a URN: a regular expression beats a character loop there.
const URN_RUN = /[^ \t\n\r"()[\]]*/y;
// What a JSON string cannot contain unescaped, and the backslash that starts an escape.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const STRING_SPECIAL = /[\\\u0000-\u001f]/g;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOLLAR = 0x24;

// Letters, digits, "-" and "_": what most of a name is made of.
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  WORD[c] = CLASS[c] === LETTER || CLASS[c] === DIGIT || c === 0x2d || c === 0x5f ? 1 : 0;

function classOf(code: number): number {
  return code < 128 ? CLASS[code]! : OTHER;
}

/** ASCII whitespace, the only whitespace allowed between tokens. */
function isSpace(code: number): boolean {
  return code < 128 && CLASS[code] === SPACE;
}

const ESCAPES: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/**
 * Scans the longest JSON number (ECMA-404) at `start`. Returns its end, or the bitwise
 * complement of the position where a digit was required but missing.
 */
export function scanNumber(source: string, start: number): number {
  let pos = start;
  if (codeAt(source, pos) === 0x2d) pos++;
  const first = codeAt(source, pos);
  if (first === 0x30) pos++;
  else if (first >= 0x31 && first <= 0x39) pos = skipDigits(source, pos + 1);
  else return ~pos;
  if (codeAt(source, pos) === 0x2e) {
    const digits = skipDigits(source, pos + 1);
    if (digits === pos + 1) return ~(pos + 1);
    pos = digits;
  }
  const e = codeAt(source, pos);
  if (e === 0x65 || e === 0x45) {
    pos++;
    const sign = codeAt(source, pos);
    if (sign === 0x2b || sign === 0x2d) pos++;
    const digits = skipDigits(source, pos);
    if (digits === pos) return ~pos;
    pos = digits;
  }
  return pos;
}

function skipDigits(source: string, pos: number): number {
  while (pos < source.length) {
    const code = source.charCodeAt(pos);
    if (code < 0x30 || code > 0x39) break;
    pos++;
  }
  return pos;
}

/**
 * `source.charCodeAt(pos)`, or -1 past the end. Reading past the end returns NaN, and V8
 * leaves its fast path for code that does: every read here is bounds-checked.
 */
function codeAt(source: string, pos: number): number {
  return pos < source.length ? source.charCodeAt(pos) : -1;
}

/** "the character "@"" or "the character U+0007", for messages. */
function describeCharacter(source: string, pos: number): string {
  const code = source.codePointAt(pos)!;
  if (code < 0x20 || code === 0x7f)
    return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `the character ${JSON.stringify(String.fromCodePoint(code))}`;
}

/**
 * A one-token-lookahead lexer over a filter or path. Linear: each character is examined a
 * bounded number of times. The current token lives in the lexer's own fields rather than in
 * an object per token: parsing is mostly this loop, and it allocates nothing but values.
 */
export class Lexer {
  readonly source: string;
  readonly grammar: Grammar;
  /** The current token's kind, span, value and `plain` flag (see {@link Token}). */
  kind: TokenKind = 'eof';
  start = 0;
  end = 0;
  /** Empty for `name` and `urn`: see {@link Lexer.text}. */
  value: string | number = '';
  plain = false;
  /** Where the previous token ended: `a.b` and `].b` must not contain spaces. */
  previousEnd = 0;
  private next: Token | undefined = undefined;
  /**
   * The position of the next backslash or control character at or after the last string
   * start, or the input length. Strings are read left to right, so it only moves forward
   * and finding it costs one pass over the input in all.
   */
  private special = -1;

  constructor(source: string, grammar: Grammar) {
    this.source = source;
    this.grammar = grammar;
    this.read(0);
  }

  /** The current token as an object. */
  get token(): Token {
    const value = this.kind === 'name' || this.kind === 'urn' ? this.text() : this.value;
    return { kind: this.kind, start: this.start, end: this.end, value, plain: this.plain };
  }

  /**
   * The current token's text. `value` stays empty for `name` and `urn` tokens: most names
   * are keywords, which the parser compares in place without allocating a string.
   */
  text(): string {
    return this.source.slice(this.start, this.end);
  }

  /** Moves to the next token. */
  advance(): void {
    this.previousEnd = this.end;
    const next = this.next;
    if (next === undefined) {
      this.read(this.end);
      return;
    }
    this.next = undefined;
    this.set(next.kind, next.start, next.end, next.value, next.plain);
  }

  /**
   * Moves to the next token, reading it as a comparison value: with `unquoted`, anything up
   * to the next space, ")" or "]" that is not a JSON literal becomes a `word`.
   */
  advanceToValue(unquoted: boolean): void {
    if (!unquoted || this.next !== undefined) {
      this.advance();
      return;
    }
    this.previousEnd = this.end;
    this.readUnquoted(this.end);
  }

  /** The token after the current one, without moving. */
  lookahead(): Token {
    if (this.next === undefined) {
      const current = this.token;
      this.read(current.end);
      this.next = this.token;
      this.set(current.kind, current.start, current.end, current.value, current.plain);
    }
    return this.next;
  }

  /** The phrase for the end of the input in messages. */
  get eof(): string {
    return `the end of the ${this.grammar}`;
  }

  private set(kind: TokenKind, start: number, end: number, value: string | number, plain = false): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.value = value;
    this.plain = plain;
  }

  private skipSpace(pos: number): number {
    const source = this.source;
    const length = source.length;
    while (pos < length) {
      const code = source.charCodeAt(pos);
      if (code >= 128 || CLASS[code] !== SPACE) break;
      pos++;
    }
    return pos;
  }

  private read(from: number): void {
    const source = this.source;
    const pos = this.skipSpace(from);
    if (pos >= source.length) {
      this.set('eof', source.length, source.length, '');
      return;
    }
    const code = source.charCodeAt(pos);
    const kind = classOf(code);
    if (kind === LETTER) {
      // Most names do not start with "u": test that before looking for "urn:".
      if ((code | 0x20) === 0x75 && this.isUrnAt(pos)) this.readUrn(pos);
      else this.readName(pos);
    } else if (kind === PUNCT || kind === DOT) {
      this.set(source[pos] as TokenKind, pos, pos + 1, source[pos]!);
    } else if (kind === DIGIT || code === 0x2d) {
      this.readNumber(pos);
    } else if (code === QUOTE) {
      this.readString(pos);
    } else if (code === DOLLAR) {
      this.readName(pos);
    } else {
      throw syntaxError(
        this.grammar,
        source,
        pos,
        'an attribute path, an operator, a value, "(", ")", "[" or "]"',
        describeCharacter(source, pos),
      );
    }
  }

  /** "urn:" in any case at `pos`, once the caller has seen the "u". */
  private isUrnAt(pos: number): boolean {
    const s = this.source;
    return (
      pos + 3 < s.length &&
      s.charCodeAt(pos + 3) === 0x3a &&
      (s.charCodeAt(pos + 1) | 0x20) === 0x72 &&
      (s.charCodeAt(pos + 2) | 0x20) === 0x6e
    );
  }

  // Letters, digits, "-", "_", "$" and dots. `plain` when it is ATTRNAME ["." ATTRNAME].
  private readName(start: number): void {
    const source = this.source;
    const length = source.length;
    let plain = CLASS[source.charCodeAt(start)] === LETTER;
    let dots = 0;
    let pos = start + 1;
    for (;;) {
      // The common run: letters, digits, "-" and "_".
      while (pos < length) {
        const code = source.charCodeAt(pos);
        if (code >= 128 || WORD[code] === 0) break;
        pos++;
      }
      const code = codeAt(source, pos);
      if (code === 0x2e) {
        // A dot must be followed by a letter and may appear once.
        const after = codeAt(source, pos + 1);
        if (++dots > 1 || after < 0 || after >= 128 || CLASS[after] !== LETTER) plain = false;
      } else if (code === DOLLAR) {
        plain = false;
      } else {
        break;
      }
      pos++;
    }
    this.set('name', start, pos, '', plain);
  }

  // A URN contains dots, colons and more; it ends where filter syntax starts.
  private readUrn(start: number): void {
    URN_RUN.lastIndex = start + 4;
    URN_RUN.test(this.source);
    const end = URN_RUN.lastIndex;
    this.set('urn', start, end, '');
  }

  private readNumber(start: number): void {
    const source = this.source;
    const end = scanNumber(source, start);
    if (end < 0) {
      const at = ~end;
      throw syntaxError(
        this.grammar,
        source,
        at,
        'a digit',
        at >= source.length ? this.eof : describeCharacter(source, at),
      );
    }
    const digits = source.charCodeAt(start) === 0x2d ? start + 1 : start;
    if (source.charCodeAt(digits) === 0x30) {
      const next = codeAt(source, end);
      if (next >= 0x30 && next <= 0x39) {
        throw syntaxError(
          this.grammar,
          source,
          end,
          'a number without leading zeros',
          quote(source.slice(start, skipDigits(source, end))),
        );
      }
    }
    this.set('number', start, end, this.toNumber(start, end));
  }

  private toNumber(start: number, end: number): number {
    const value = Number(this.source.slice(start, end));
    if (!Number.isFinite(value)) {
      throw syntaxError(
        this.grammar,
        this.source,
        start,
        'a number of at most 1.7976931348623157e308 in magnitude',
        quote(this.source.slice(start, end)),
      );
    }
    return value;
  }

  // string = quotation-mark *char quotation-mark (ECMA-404 §9)
  private readString(start: number): void {
    const source = this.source;
    const length = source.length;
    let pos = start + 1;
    // Most strings have no escapes: find the closing quote and take one slice.
    const close = source.indexOf('"', pos);
    if (this.special < pos) {
      STRING_SPECIAL.lastIndex = pos;
      this.special = STRING_SPECIAL.exec(source)?.index ?? length;
    }
    if (close !== -1 && close < this.special) {
      this.set('string', start, close + 1, source.slice(pos, close));
      return;
    }
    let chunk = start + 1;
    let value = '';
    for (;;) {
      if (pos >= length) {
        throw syntaxError(
          this.grammar,
          source,
          pos,
          `a closing quotation mark for the string that starts at position ${start}`,
          this.eof,
        );
      }
      const code = source.charCodeAt(pos);
      if (code === QUOTE) {
        this.set('string', start, pos + 1, value + source.slice(chunk, pos));
        return;
      }
      if (code === BACKSLASH) {
        value += source.slice(chunk, pos) + this.readEscape(pos);
        pos += codeAt(source, pos + 1) === 0x75 ? 6 : 2;
        chunk = pos;
      } else if (code < 0x20) {
        throw syntaxError(
          this.grammar,
          source,
          pos,
          'a character of the string or an escape such as \\n',
          describeCharacter(source, pos),
        );
      } else {
        pos++;
      }
    }
  }

  /** Decodes the escape at `pos` (a backslash): two characters, or six for `\uXXXX`. */
  private readEscape(pos: number): string {
    const source = this.source;
    const code = codeAt(source, pos + 1);
    const simple = ESCAPES[code];
    if (simple !== undefined) return simple;
    if (code === 0x75) {
      const hex = source.slice(pos + 2, pos + 6);
      if (/^[0-9A-Fa-f]{4}$/.test(hex)) return String.fromCharCode(Number.parseInt(hex, 16));
      throw syntaxError(
        this.grammar,
        source,
        pos,
        'four hexadecimal digits after \\u',
        quote(source.slice(pos, pos + 6)),
      );
    }
    throw syntaxError(
      this.grammar,
      source,
      pos,
      'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX',
      pos + 1 >= source.length ? this.eof : quote(source.slice(pos, pos + 2)),
    );
  }

  // Entra's legacy form: a value written without quotes, up to a space, ")" or "]".
  private readUnquoted(from: number): void {
    const source = this.source;
    const start = this.skipSpace(from);
    const first = codeAt(source, start);
    if (first < 0 || first === QUOTE || first === 0x29 || first === 0x5d) {
      this.read(start);
      return;
    }
    let end = start;
    while (end < source.length) {
      const code = source.charCodeAt(end);
      if (isSpace(code) || code === 0x29 || code === 0x5d) break;
      end++;
    }
    if (scanNumber(source, start) === end) {
      this.set('number', start, end, this.toNumber(start, end));
      return;
    }
    const text = source.slice(start, end);
    const lower = text.toLowerCase();
    this.set(lower === 'true' || lower === 'false' || lower === 'null' ? 'name' : 'word', start, end, text);
  }
}
