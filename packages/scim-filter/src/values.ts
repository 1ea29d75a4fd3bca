/**
 * The primitive comparisons behind `matchesFilter`. They are exported so that other
 * evaluators (the SQL store, which precomputes folded text and instants) apply exactly the
 * same rules.
 */

/**
 * Case folding for `caseExact: false` strings (RFC 7643 §2.2): `String.prototype.toLowerCase`,
 * which is locale-independent full Unicode lower-casing, without normalisation.
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * The lexicographical order of `gt`/`ge`/`lt`/`le` on strings (RFC 7644 §3.4.2.2): by Unicode
 * code point, which is the order of UTF-8 bytes and of SQLite's BINARY collation. JavaScript's
 * `<` orders by UTF-16 code unit instead, which differs once characters above U+FFFF meet ones
 * in U+E000–U+FFFF. Returns a negative number, 0 or a positive number.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (code points above U+FFFF) must sort after U+E000–U+FFFF.
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000;
        y += y >= 0xe000 ? -0x800 : 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * The instant an xsd:dateTime names (RFC 7643 §2.3.5), in milliseconds since 1970 UTC, or
 * `NaN` when `text` is not one: `YYYY-MM-DDThh:mm:ss[.s+][Z|±hh:mm]` with a four-digit
 * year, "T" and "Z" in either case. No offset means UTC; fractional digits after the third
 * are ignored. `2011-05-13T04:42:34Z`, `2011-05-13T06:42:34.5+02:00`.
 */
export function parseDateTime(text: string): number {
  // Read by position rather than with a regular expression: evaluation calls this once per
  // stored value.
  const length = text.length;
  if (length < 19 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return Number.NaN;
  if ((text.charCodeAt(10) | 0x20) !== 0x74 || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // NaN fails every comparison, so one check per group catches any non-digit.
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 0 && day <= daysInMonth(year, month)))
    return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  let pos = 19;
  let millis = 0;
  if (pos < length && text.charCodeAt(pos) === 0x2e) {
    const start = ++pos;
    while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === start) return Number.NaN;
    // The first three digits, padded: ".5" is 500 ms.
    for (let i = 0, scale = 100; i < 3 && start + i < pos; i++, scale /= 10) {
      millis += (text.charCodeAt(start + i) - 0x30) * scale;
    }
  }
  let offset = 0;
  if (pos < length) {
    const zone = text.charCodeAt(pos);
    if ((zone | 0x20) === 0x7a) {
      pos++;
    } else if ((zone === 0x2b || zone === 0x2d) && pos + 6 === length && text.charCodeAt(pos + 3) === 0x3a) {
      const offsetHours = digits(text, pos + 1, 2);
      const offsetMinutes = digits(text, pos + 4, 2);
      if (!(offsetHours <= 14 && offsetMinutes <= 59)) return Number.NaN;
      offset = (zone === 0x2d ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
      pos = length;
    }
    if (pos !== length) return Number.NaN;
  }
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset;
  return minutes * 60_000 + second * 1000 + millis;
}

/** The number written by `count` decimal digits at `start`, or NaN. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return Number.NaN;
    value = value * 10 + code - 0x30;
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm), so that
// years 0000–0099 are not mapped to 1900–1999 as Date.UTC would.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Nesting deeper than a SCIM resource can have (resource → array → element → value). */
const MAX_PRESENCE_DEPTH = 4;

/**
 * The `pr` test (RFC 7644 §3.4.2.2): false for `undefined`, `null`, `""`, and for an array or
 * object none of whose members is present; true for any number or boolean.
 */
export function isPresent(value: unknown): boolean {
  return present(value, 0);
}

function present(value: unknown, depth: number): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.length > 0;
  if (typeof value !== 'object') return true;
  if (depth >= MAX_PRESENCE_DEPTH) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (present(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && present((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * `object[name]`, matching the key case-insensitively (RFC 7643 §2.1: attribute names are
 * ASCII) when the exact key is absent. Own properties only: `constructor pr` must not find
 * `Object.prototype.constructor`. `lowerName` is `name` in ASCII lower case.
 */
export function getAttribute(object: unknown, name: string, lowerName: string = name.toLowerCase()): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  if (Object.hasOwn(object, name)) return (object as Record<string, unknown>)[name];
  for (const key in object) {
    if (equalsIgnoringAsciiCase(key, lowerName) && Object.hasOwn(object, key)) {
      return (object as Record<string, unknown>)[key];
    }
  }
  return undefined;
}

function equalsIgnoringAsciiCase(key: string, lowerName: string): boolean {
  if (key.length !== lowerName.length) return false;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if ((code >= 0x41 && code <= 0x5a ? code | 0x20 : code) !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}
