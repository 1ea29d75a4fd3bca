import type { AttributePath } from '@scimkit/schema';

/**
 * The typed AST of RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths. Names are kept as
 * written (resolution to canonical schema names happens against a `SchemaRegistry`).
 * This file is the contract between the parser, the printer, the evaluator, the PATCH engine
 * and the SQL compiler: change it only together with all of them.
 */

export type { AttributePath };

/** RFC 7644 §3.4.2.2 comparison operators (lower-case, whatever case was written). */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** compValue = false / null / true / number / string (RFC 7644 §3.4.2.2). */
export type FilterValue = string | number | boolean | null;

/** `attrPath compareOp compValue` (RFC 7644 §3.4.2.2 `attrExp`). */
export interface ComparisonFilter {
  type: 'comparison';
  path: AttributePath;
  operator: ComparisonOperator;
  value: FilterValue;
}

/** `attrPath "pr"` (RFC 7644 §3.4.2.2 `attrExp`). */
export interface PresentFilter {
  type: 'present';
  path: AttributePath;
}

/** `filter "and" filter`, `filter "or" filter` (RFC 7644 §3.4.2.2 `logExp`); binary, left-nested. */
export interface LogicalFilter {
  type: 'and' | 'or';
  left: Filter;
  right: Filter;
}

/** `"not" "(" valFilter ")"` (RFC 7644 §3.4.2.2). */
export interface NotFilter {
  type: 'not';
  filter: Filter;
}

/**
 * `attrPath "[" valFilter "]"` (RFC 7644 §3.4.2.2 `valuePath`): an element of the
 * multi-valued complex attribute `path` matches `filter`, whose paths are relative to that
 * element (`type eq "work"`).
 * `emails[type eq "work"].value eq "x"` parses to the same node as
 * `emails[type eq "work" and value eq "x"]`.
 */
export interface ValuePathFilter {
  type: 'valuePath';
  path: AttributePath;
  filter: Filter;
}

/** Any filter node (RFC 7644 §3.4.2.2 `FILTER`). */
export type Filter = ComparisonFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath ["." subAttr]`.
 * When `filter` is present, `path.subAttribute` is absent and `subAttribute` may name a
 * sub-attribute after the bracket (`emails[type eq "work"].value`).
 */
export interface PatchPath {
  path: AttributePath;
  filter?: Filter;
  subAttribute?: string;
}
