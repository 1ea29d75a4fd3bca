import { usageError } from './errors.ts';

const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a duration such as `90d`, `12h`, `30m`, `2w` or `45s` into milliseconds.
 * `option` names the flag in the error message.
 */
export function parseDuration(text: string, option: string): number {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/i.exec(text);
  const unit = match?.[2]?.toLowerCase();
  const factor = unit === undefined ? undefined : UNITS[unit];
  if (match === null || factor === undefined || Number(match[1]) <= 0) {
    throw usageError(
      `${option}: expected a positive duration like 90d, 12h, 30m, 2w or 45s, found ${JSON.stringify(text)}.`,
    );
  }
  return Number(match[1]) * factor;
}

/** Parses a positive integer option (`--users 500`), with bounds. */
export function parseCount(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(
      `${option}: expected an integer from ${min} to ${max.toLocaleString('en-US')}, found ${JSON.stringify(text)}.`,
    );
  }
  return value;
}
