import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration } from './duration.ts';
import { CliError } from './errors.ts';

describe('parseDuration', () => {
  it('reads days, hours, minutes, weeks and seconds', () => {
    expect(parseDuration('90d', '--expires')).toBe(90 * 86_400_000);
    expect(parseDuration('12h', '--expires')).toBe(12 * 3_600_000);
    expect(parseDuration('30m', '--expires')).toBe(30 * 60_000);
    expect(parseDuration('2w', '--expires')).toBe(14 * 86_400_000);
    expect(parseDuration('45S', '--expires')).toBe(45_000);
  });

  it('rejects anything else with a usage error naming the option and the value', () => {
    for (const text of ['90', 'd', '0d', '-1d', '1.5d', '90 days']) {
      expect(() => parseDuration(text, '--grace')).toThrowError(CliError);
    }
    expect(() => parseDuration('soon', '--grace')).toThrowError(
      '--grace: expected a positive duration like 90d, 12h, 30m, 2w or 45s, found "soon".',
    );
  });
});

describe('parseCount', () => {
  it('accepts integers within bounds and rejects the rest', () => {
    expect(parseCount('500', '--users', 1, 1000)).toBe(500);
    expect(() => parseCount('0', '--users', 1, 1000)).toThrowError(
      '--users: expected an integer from 1 to 1,000, found "0".',
    );
    expect(() => parseCount('1e3', '--users', 1, 1000)).toThrowError(CliError);
    expect(() => parseCount('many', '--users', 1, 1000)).toThrowError(CliError);
  });
});
