import type { AttributeDefinition } from '@scimkit/schema';
import type { ComparisonFilter, ComparisonOperator, FilterValue } from '../ast.ts';
import {
  booleanOperand as booleanOf,
  describeOperand as describe,
  invalidComparison as invalid,
  numberOperand as numberOf,
  textOperand as textOf,
} from '../operands.ts';
import { compareCodePoints, foldCase, parseDateTime } from '../values.ts';
import type { Test } from './targets.ts';

/** Operators a value test implements; `ne` is the negation of `eq`. */
export type Operator = Exclude<ComparisonOperator, 'ne'>;
type Value = Exclude<FilterValue, null>;

const SUBSTRING = new Set<Operator>(['co', 'sw', 'ew']);
const ORDERING = new Set<Operator>(['gt', 'ge', 'lt', 'le']);

/** Without a schema the comparison value's JSON type decides, and strings ignore case. */
export function untypedTest(filter: ComparisonFilter, op: Operator, value: Value): Test {
  if (typeof value === 'string') return stringTest(op, value, false);
  if (typeof value === 'number') {
    if (SUBSTRING.has(op)) throw invalid(filter, 'a string value with co, sw or ew', `the number ${value}`);
    return numberTest(op, value);
  }
  if (op !== 'eq') throw invalid(filter, 'eq, ne or pr with a boolean value', filter.operator);
  return (v) => v === value;
}

/** With a schema the attribute's type decides (RFC 7643 §2.3, RFC 7644 §3.4.2.2). */
export function typedTest(
  filter: ComparisonFilter,
  op: Operator,
  value: Value,
  definition: AttributeDefinition,
  label: string,
): Test {
  const type = definition.type;
  switch (type) {
    case 'string':
    case 'reference':
      return stringTest(op, textOf(value), definition.caseExact);
    case 'binary':
      if (ORDERING.has(op))
        throw invalid(filter, `eq, ne, co, sw, ew or pr for the binary attribute ${label}`, op);
      return stringTest(op, textOf(value), definition.caseExact);
    case 'boolean': {
      if (op !== 'eq') throw invalid(filter, `eq, ne or pr for the boolean attribute ${label}`, op);
      const expected = booleanOf(value);
      if (expected === undefined) {
        throw invalid(filter, `true or false for the boolean attribute ${label}`, describe(value));
      }
      return (v) => v === expected;
    }
    case 'integer':
    case 'decimal': {
      if (SUBSTRING.has(op)) {
        throw invalid(filter, `eq, ne, gt, ge, lt, le or pr for the ${type} attribute ${label}`, op);
      }
      const expected = numberOf(value);
      if (expected === undefined)
        throw invalid(filter, `a number for the ${type} attribute ${label}`, describe(value));
      return numberTest(op, expected);
    }
    case 'dateTime': {
      if (SUBSTRING.has(op)) {
        if (typeof value !== 'string') throw invalid(filter, `a string with ${op}`, describe(value));
        return stringTest(op, value, definition.caseExact);
      }
      const instant = typeof value === 'string' ? parseDateTime(value) : Number.NaN;
      if (Number.isNaN(instant)) {
        throw invalid(
          filter,
          `an xsd:dateTime such as "2011-05-13T04:42:34Z" for the dateTime attribute ${label}`,
          describe(value),
        );
      }
      return dateTimeTest(op, instant);
    }
    default:
      throw invalid(filter, `a sub-attribute of the complex attribute ${label}`);
  }
}

function stringTest(op: Operator, operand: string, caseExact: boolean): Test {
  if (caseExact) {
    switch (op) {
      case 'eq':
        return (v) => v === operand;
      case 'co':
        return (v) => typeof v === 'string' && v.includes(operand);
      case 'sw':
        return (v) => typeof v === 'string' && v.startsWith(operand);
      case 'ew':
        return (v) => typeof v === 'string' && v.endsWith(operand);
      default:
        return ordered(op, (v) => (typeof v === 'string' ? compareCodePoints(v, operand) : Number.NaN));
    }
  }
  const folded = foldCase(operand);
  switch (op) {
    case 'eq':
      return (v) => typeof v === 'string' && (v === folded || foldCase(v) === folded);
    case 'co':
      return (v) => typeof v === 'string' && foldCase(v).includes(folded);
    case 'sw':
      return (v) => typeof v === 'string' && foldCase(v).startsWith(folded);
    case 'ew':
      return (v) => typeof v === 'string' && foldCase(v).endsWith(folded);
    default:
      return ordered(op, (v) =>
        typeof v === 'string' ? compareCodePoints(foldCase(v), folded) : Number.NaN,
      );
  }
}

function numberTest(op: Operator, operand: number): Test {
  if (op === 'eq') return (v) => v === operand;
  return ordered(op, (v) => (typeof v === 'number' ? v - operand : Number.NaN));
}

function dateTimeTest(op: Operator, instant: number): Test {
  return ordered(op, (v) => (typeof v === 'string' ? parseDateTime(v) - instant : Number.NaN));
}

/** `compare` is negative, zero or positive, or NaN when the value is not comparable. */
function ordered(op: Operator, compare: (v: unknown) => number): Test {
  switch (op) {
    case 'eq':
      return (v) => compare(v) === 0;
    case 'gt':
      return (v) => compare(v) > 0;
    case 'ge':
      return (v) => compare(v) >= 0;
    case 'lt':
      return (v) => compare(v) < 0;
    case 'le':
      return (v) => compare(v) <= 0;
    default:
      throw new TypeError(`[scim-filter] ${op} is not an ordering operator`);
  }
}
