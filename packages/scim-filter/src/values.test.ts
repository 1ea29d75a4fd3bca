import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, foldCase, getAttribute, isPresent, parseDateTime } from './values.ts';

describe('parseDateTime', () => {
  it('reads xsd:dateTime as milliseconds since the epoch', () => {
    const table: [string, number][] = [
      ['2011-05-13T04:42:34Z', Date.UTC(2011, 4, 13, 4, 42, 34)],
      ['2011-05-13T04:42:34', Date.UTC(2011, 4, 13, 4, 42, 34)],
      ['2011-05-13t04:42:34z', Date.UTC(2011, 4, 13, 4, 42, 34)],
      ['2011-05-13T06:42:34+02:00', Date.UTC(2011, 4, 13, 4, 42, 34)],
      ['2011-05-12T23:12:34-05:30', Date.UTC(2011, 4, 13, 4, 42, 34)],
      ['2011-05-13T04:42:34.5Z', Date.UTC(2011, 4, 13, 4, 42, 34, 500)],
      ['2011-05-13T04:42:34.123456789Z', Date.UTC(2011, 4, 13, 4, 42, 34, 123)],
      ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
      ['1970-01-01T00:00:00Z', 0],
      ['0001-01-01T00:00:00Z', -62_135_596_800_000],
      ['9999-12-31T23:59:59.999Z', 253_402_300_799_999],
    ];
    for (const [text, expected] of table) expect(parseDateTime(text)).toBe(expected);
  });

  it('returns NaN for anything else', () => {
    for (const text of [
      '',
      '2011-05-13',
      '2011-05-13 04:42:34Z',
      '2011-5-13T04:42:34Z',
      '2011-13-01T00:00:00Z',
      '2011-00-01T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2011-04-31T00:00:00Z',
      '2011-05-13T24:00:00Z',
      '2011-05-13T04:60:00Z',
      '2011-05-13T04:42:60Z',
      '2011-05-13T04:42:34+15:00',
      '2011-05-13T04:42:34+02:60',
      '2011-05-13T04:42:34.Z',
      '2011-05-13T04:42:34ZZ',
      'yesterday',
    ]) {
      expect(parseDateTime(text), text).toBeNaN();
    }
  });

  it('returns NaN or the right instant for dateTimes with one character changed', () => {
    const valid = fc
      .date({
        min: new Date('0001-01-02T00:00:00Z'),
        max: new Date('9999-12-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString());
    const mutated = fc
      .tuple(valid, fc.nat(), fc.constantFrom(...'0123456789-:.TtZz+ x'))
      .map(([text, at, character]) => {
        const index = at % text.length;
        return text.slice(0, index) + character + text.slice(index + 1);
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string()), (text) => {
        const instant = parseDateTime(text);
        if (Number.isNaN(instant)) return;
        expect(Number.isInteger(instant)).toBe(true);
        if (/(?:[Zz]|[+-]\d\d:\d\d)$/.test(text)) expect(instant).toBe(Date.parse(text.toUpperCase()));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with Date.parse on ISO strings with milliseconds and offsets', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offset) => {
          const shifted = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
          const text = `${shifted}${sign}${hours}:${minutes}`;
          expect(parseDateTime(text)).toBe(date.getTime());
          expect(parseDateTime(text)).toBe(Date.parse(text));
        },
      ),
    );
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, as UTF-8 bytes and SQLite BINARY do', () => {
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('b', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('ab', 'ab')).toBe(0);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 code unit.
    expect('\uff5e' < '😀').toBe(false);
    expect(compareCodePoints('\uff5e', '😀')).toBeLessThan(0);
    expect(compareCodePoints('😀', '\uff5e')).toBeGreaterThan(0);
  });

  it('agrees with comparing UTF-8 bytes for any strings', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const x = encoder.encode(a);
        const y = encoder.encode(b);
        let bytes = 0;
        for (let i = 0; i < Math.min(x.length, y.length) && bytes === 0; i++) bytes = x[i]! - y[i]!;
        if (bytes === 0) bytes = x.length - y.length;
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(bytes));
      }),
    );
  });
});

describe('foldCase', () => {
  it('lower-cases all of Unicode, independent of locale', () => {
    expect(foldCase('ALICE@Contoso.COM')).toBe('alice@contoso.com');
    expect(foldCase('ÉMILE Øresund ΣΊΣΥΦΟΣ')).toBe('émile øresund σίσυφος');
    expect(foldCase('I')).toBe('i');
  });
});

describe('isPresent', () => {
  it('is false only for missing, null, empty strings and empty nodes', () => {
    for (const value of [undefined, null, '', [], [null, ''], {}, { a: null, b: '' }, [{ a: '' }]]) {
      expect(isPresent(value), JSON.stringify(value)).toBe(false);
    }
    for (const value of ['x', ' ', 0, false, true, [0], ['', 'x'], { a: false }, [{ value: 'x' }]]) {
      expect(isPresent(value), JSON.stringify(value)).toBe(true);
    }
  });
});

describe('getAttribute', () => {
  it('prefers the exact key and falls back to an ASCII case-insensitive match', () => {
    expect(getAttribute({ userName: 'a', USERNAME: 'b' }, 'userName')).toBe('a');
    expect(getAttribute({ USERNAME: 'b' }, 'userName')).toBe('b');
    // U+212A KELVIN SIGN lower-cases to "k", but attribute names are ASCII.
    expect(getAttribute({ '\u212aey': 1 }, 'key')).toBeUndefined();
  });

  it('reads own properties of plain objects only', () => {
    expect(getAttribute({}, 'constructor')).toBeUndefined();
    expect(getAttribute(Object.create({ inherited: 1 }), 'inherited')).toBeUndefined();
    expect(getAttribute([1], 'length')).toBeUndefined();
    expect(getAttribute('text', 'length')).toBeUndefined();
    expect(getAttribute(null, 'x')).toBeUndefined();
  });
});
