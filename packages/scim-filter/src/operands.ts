import { describeProblem, type ProblemParts, ScimError } from '@scimkit/schema';
import type { ComparisonFilter, Filter, FilterValue } from './ast.ts';
import { scanNumber } from './lexer.ts';
import { stringifyFilter } from './print.ts';

/**
 * How a comparison value (RFC 7644 §3.4.2.2 `compValue`) is read against an attribute's type.
 * The evaluator and every compiler of filters (the SQLite store's SQL) share these rules, so
 * that they accept and refuse exactly the same filters.
 */

type Operand = Exclude<FilterValue, null>;

/** A number or boolean compared with a string attribute compares as its JSON text. */
export function textOperand(value: Operand): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Entra writes booleans as "True"/"False" strings; they are accepted where a boolean is due. */
export function booleanOperand(value: Operand): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** A number, or a string that is exactly a JSON number (`"42"`). */
export function numberOperand(value: Operand): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '' || scanNumber(value, 0) !== value.length) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** A comparison value as error messages name it. */
export function describeOperand(value: Operand): string {
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${value}`;
}

/** The filter as text for a message, shortened. */
export function describeFilter(filter: Filter): string {
  let text: string;
  try {
    text = stringifyFilter(filter);
  } catch {
    text = `a ${filter.type} filter`;
  }
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** The 400 `invalidFilter` for a comparison the attribute's type forbids. */
export function invalidComparison(filter: ComparisonFilter, expected: string, found?: string): ScimError {
  const parts: ProblemParts = { failed: `Cannot evaluate ${describeFilter(filter)}`, expected };
  if (found !== undefined) parts.found = found;
  return ScimError.invalidFilter(describeProblem(parts));
}
