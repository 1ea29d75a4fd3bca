import type { AttributePath, Filter, FilterValue, LogicalFilter, PatchPath } from './ast.ts';

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
// What the parser reads as a schema URN: no spaces, quotes, parentheses or brackets.
const SCHEMA_URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[^ \t\n\r"()[\]]+$/i;

/**
 * Prints a filter AST as canonical RFC 7644 §3.4.2.2 text: lower-case operators, single
 * spaces, parentheses only where precedence needs them, JSON values. `parseFilter` of the
 * result deep-equals `filter`. Throws a `TypeError` for an AST the parser cannot produce.
 */
export function stringifyFilter(filter: Filter): string {
  return print(filter, false);
}

/** Prints a PATCH path (RFC 7644 §3.5.2) so that `parsePath` of the result deep-equals it. */
export function stringifyPath(path: PatchPath): string {
  let text = printPath(path.path, false);
  if (path.filter !== undefined) {
    if (path.path.subAttribute !== undefined) invalid('a path with a sub-attribute cannot take a filter');
    text += `[${print(path.filter, true)}]`;
  }
  if (path.subAttribute !== undefined) {
    if (path.filter === undefined) invalid('subAttribute needs a filter; put it in path.subAttribute');
    text += `.${name(path.subAttribute)}`;
  }
  return text;
}

/** Prints an attribute path (RFC 7644 §3.10): `[schema ":"] attribute ["." subAttribute]`. */
export function stringifyAttributePath(path: AttributePath): string {
  return printPath(path, false);
}

function print(filter: Filter, inBrackets: boolean): string {
  switch (filter.type) {
    case 'comparison':
      if (!OPERATORS.has(filter.operator)) invalid(`unknown operator ${JSON.stringify(filter.operator)}`);
      return `${printPath(filter.path, inBrackets)} ${filter.operator} ${printValue(filter.value)}`;
    case 'present':
      return `${printPath(filter.path, inBrackets)} pr`;
    case 'not':
      return `not (${print(filter.filter, inBrackets)})`;
    case 'valuePath':
      if (inBrackets) invalid('value filters cannot be nested');
      if (filter.path.subAttribute !== undefined) invalid('a path with a sub-attribute cannot take a filter');
      return `${printPath(filter.path, false)}[${print(filter.filter, true)}]`;
    case 'and':
    case 'or':
      return printLogical(filter, inBrackets);
    default:
      return invalid(`unknown node type ${JSON.stringify((filter as { type: unknown }).type)}`);
  }
}

/**
 * Left-nested chains (`a and b and c`) are printed with a loop, not recursion, because the
 * parser builds them left-deep and they can be as long as the input allows.
 */
function printLogical(filter: LogicalFilter, inBrackets: boolean): string {
  const type = filter.type;
  const rights: Filter[] = [];
  let left: Filter = filter;
  while (left.type === type) {
    rights.push(left.right);
    left = left.left;
  }
  // "and" binds tighter than "or": an "or" under an "and" needs parentheses, and so does
  // any logical node on the right, which the parser would otherwise fold to the left.
  let text = type === 'and' && left.type === 'or' ? group(left, inBrackets) : print(left, inBrackets);
  for (let i = rights.length - 1; i >= 0; i--) {
    const right = rights[i]!;
    const needsGroup = right.type === 'or' || (right.type === 'and' && type === 'and');
    text += ` ${type} ${needsGroup ? group(right, inBrackets) : print(right, inBrackets)}`;
  }
  return text;
}

function group(filter: Filter, inBrackets: boolean): string {
  return `(${print(filter, inBrackets)})`;
}

function printPath(path: AttributePath, inBrackets: boolean): string {
  if (inBrackets && (path.schema !== undefined || path.subAttribute !== undefined)) {
    invalid('inside a value filter a path is one sub-attribute name');
  }
  let text = name(path.attribute);
  if (path.subAttribute !== undefined) text += `.${name(path.subAttribute)}`;
  if (path.schema === undefined) return text;
  if (!SCHEMA_URN.test(path.schema)) invalid(`${JSON.stringify(path.schema)} is not a schema URN`);
  return `${path.schema}:${text}`;
}

function name(value: string): string {
  if (typeof value !== 'string' || !ATTRNAME.test(value)) {
    invalid(`${JSON.stringify(value)} is not an attribute name`);
  }
  return value;
}

function printValue(value: FilterValue): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) invalid(`${value} is not a JSON number`);
      // JSON.stringify(-0) is "0"; keep the sign so that the round trip is exact.
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    default:
      if (value === null) return 'null';
      return invalid(`${String(value)} is not a filter value`);
  }
}

function invalid(reason: string): never {
  throw new TypeError(`[scim-filter] cannot print this AST: ${reason}`);
}
