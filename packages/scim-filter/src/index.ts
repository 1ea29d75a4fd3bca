/**
 * `@scimkit/filter`: the RFC 7644 §3.4.2.2 filter and §3.5.2 PATCH-path grammar (parser,
 * typed AST, printer) and the reference in-memory evaluator.
 */

/** The typed AST of filters and PATCH paths (RFC 7644 §3.4.2.2, §3.5.2). */
export type {
  AttributePath,
  ComparisonFilter,
  ComparisonOperator,
  Filter,
  FilterValue,
  LogicalFilter,
  NotFilter,
  PatchPath,
  PresentFilter,
  ValuePathFilter,
} from './ast.ts';
/** Compiles or evaluates a filter against resources with the reference semantics (RFC 7644 §3.4.2.2). */
export { compileFilter, type FilterPredicate, type MatchOptions, matchesFilter } from './evaluate.ts';
/** How comparison values are read against attribute types; shared with filter compilers (RFC 7644 §3.4.2.2). */
export {
  booleanOperand,
  describeFilter,
  describeOperand,
  invalidComparison,
  numberOperand,
  textOperand,
} from './operands.ts';
/** Parses filters (RFC 7644 §3.4.2.2) and PATCH paths (RFC 7644 §3.5.2). */
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  type ParseOptions,
  parseFilter,
  parsePath,
} from './parser.ts';
/** Prints ASTs back to canonical text that parses to the same AST (RFC 7644 §3.4.2.2, §3.5.2). */
export { stringifyAttributePath, stringifyFilter, stringifyPath } from './print.ts';
/** The value comparisons of the reference semantics (RFC 7643 §2.2–§2.3, RFC 7644 §3.4.2.2). */
export { compareCodePoints, foldCase, getAttribute, isPresent, parseDateTime } from './values.ts';
