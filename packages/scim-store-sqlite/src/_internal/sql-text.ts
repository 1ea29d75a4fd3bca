import type { SqlValue } from '../driver.ts';

// Placeholders are \u0001<index>\u0001: a character no SQL text of this package contains.
const MARK = String.fromCharCode(1);

/**
 * Collects the parameters of one statement while its text is built. Placeholders are tokens
 * until `finish`, which turns them into `?` in the order they appear in the final text: SQL
 * fragments can then be composed in any order, and a value used twice is bound twice.
 */
export class SqlParams {
  readonly #values: SqlValue[] = [];
  #aliases = 0;

  /** A placeholder bound to `value`. */
  add(value: SqlValue): string {
    this.#values.push(value);
    return `${MARK}${this.#values.length - 1}${MARK}`;
  }

  /** A fresh table alias, so nested EXISTS never shadow each other. */
  alias(prefix: string): string {
    return `${prefix}${++this.#aliases}`;
  }

  /** The statement text with `?` placeholders, and its parameters in order. */
  finish(text: string): { sql: string; params: SqlValue[] } {
    // A scan for the mark rather than a global regex replace: a statement is mostly column
    // lists without placeholders, and this runs for every query. Only mark, digits, mark is a
    // placeholder; anything else stays as it is.
    const params: SqlValue[] = [];
    let sql = '';
    let from = 0;
    for (let start = text.indexOf(MARK); start !== -1; start = text.indexOf(MARK, start + 1)) {
      let end = start + 1;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      if (end === start + 1 || text[end] !== MARK) continue;
      sql += `${text.slice(from, start)}?`;
      params.push(this.#values[Number(text.slice(start + 1, end))]!);
      from = end + 1;
      start = end;
    }
    return { sql: from === 0 ? text : sql + text.slice(from), params };
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A SQL string literal. Only ever used for schema names and JSON paths, never for input values. */
export function literal(text: string): string {
  for (const character of text) {
    // A control character could be mistaken for a placeholder mark.
    if (character < ' ') throw new TypeError('[scim-store-sqlite] control character in a SQL literal');
  }
  return `'${text.replace(/'/g, "''")}'`;
}

/** A JSON path step for a key (`."name"`); keys come from schema definitions. */
export function jsonKey(key: string): string {
  return `."${key}"`;
}
