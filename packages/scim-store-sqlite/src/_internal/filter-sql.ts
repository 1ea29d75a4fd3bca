import {
  booleanOperand as booleanOf,
  type ComparisonFilter,
  type ComparisonOperator,
  describeOperand as describe,
  type Filter,
  type FilterValue,
  foldCase,
  invalidComparison as invalid,
  numberOperand as numberOf,
  parseDateTime,
  describeFilter as printed,
  textOperand as textOf,
  type ValuePathFilter,
} from '@scimkit/filter';
import { type AttributeDefinition, describeProblem, findSubAttribute, ScimError, URN } from '@scimkit/schema';
import { type ResourceScopeOptions, resourceScope, type Scope, type ValueRef } from './attribute-sql.ts';
import { instantSql } from './datetime-sql.ts';
import type { SqlParams } from './sql-text.ts';

/**
 * Compiles a filter AST (RFC 7644 §3.4.2.2) to one SQL boolean expression over a `resources`
 * row, with the exact semantics of `matchesFilter` from @scimkit/filter: the same path
 * resolution, the same type rules and 400s, the same case folding (caseExact=false strings
 * are read through `lower()` from a document that folds with it). Values are parameters.
 *
 * Truth is 1; "false" may come out as 0 or NULL (an absent attribute), so `not` is written
 * `IS NOT 1`, which reads NULL as false, and `and`/`or` then agree with two-valued logic.
 */
export function compileFilterSql(
  filter: Filter,
  options: ResourceScopeOptions & { tenantPk: number },
): string {
  const scope = resourceScope(options);
  return new FilterCompiler(options.params, options.resourceType, options.row, options.tenantPk).compile(
    filter,
    scope,
  );
}

type Operator = Exclude<ComparisonOperator, 'ne'>;
type Value = Exclude<FilterValue, null>;
type Test = (ref: ValueRef) => string;

const SUBSTRING = new Set<Operator>(['co', 'sw', 'ew']);
const ORDERING = new Set<Operator>(['gt', 'ge', 'lt', 'le']);
const SQL_OPERATOR: Record<Operator, string> = {
  eq: '=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  co: '',
  sw: '',
  ew: '',
};

class FilterCompiler {
  readonly #params: SqlParams;
  readonly #resourceType: string;
  readonly #row: string;
  readonly #tenantPk: number;

  constructor(params: SqlParams, resourceType: string, row: string, tenantPk: number) {
    this.#params = params;
    this.#resourceType = resourceType;
    this.#row = row;
    this.#tenantPk = tenantPk;
  }

  compile(filter: Filter, scope: Scope): string {
    switch (filter.type) {
      case 'and':
      case 'or':
        return this.#logical(filter.type, filter, scope);
      case 'not':
        return `(${this.compile(filter.filter, scope)}) IS NOT 1`;
      case 'present': {
        const target = scope.resolve(filter.path);
        return target === undefined ? '0' : target.present();
      }
      case 'comparison':
        return this.#comparison(filter, scope);
      case 'valuePath':
        return this.#valuePath(filter, scope);
      default:
        throw new TypeError(
          `[scim-store-sqlite] unknown filter node ${JSON.stringify((filter as { type: unknown }).type)}`,
        );
    }
  }

  // A chain of and/or is flattened and regrouped as a balanced tree: SQLite limits expression
  // depth to 1000, and a long left-deep chain (a filter of many "or"s) would exceed it.
  #logical(type: 'and' | 'or', filter: Filter, scope: Scope): string {
    const terms: string[] = [];
    const pending: Filter[] = [filter];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === type) pending.push(node.right, node.left);
      else terms.push(this.compile(node, scope));
    }
    const keyword = type === 'and' ? ' AND ' : ' OR ';
    const group = (from: number, to: number): string => {
      if (to - from === 1) return terms[from]!;
      const middle = (from + to) >> 1;
      return `(${group(from, middle)}${keyword}${group(middle, to)})`;
    };
    return group(0, terms.length);
  }

  #valuePath(filter: ValuePathFilter, scope: Scope): string {
    const target = scope.resolve(filter.path);
    if (target === undefined) return '0';
    if (target.definition.type !== 'complex') {
      throw ScimError.invalidFilter(
        describeProblem({
          failed: `Cannot evaluate ${printed(filter)}`,
          expected: 'a complex attribute before "["',
          found: `the ${target.definition.type} attribute ${target.label}`,
        }),
      );
    }
    const sql = target.elements((inner) => this.compile(filter.filter, inner));
    const email = this.#isEmails(filter.path) ? equalityOn(filter.filter, 'value') : undefined;
    return email === undefined ? sql : `(${this.#emailHint(email)} AND ${sql})`;
  }

  #comparison(filter: ComparisonFilter, scope: Scope): string {
    const target = scope.resolve(filter.path);
    if (target === undefined) return '0';
    const { operator, value } = filter;
    if (value === null) {
      if (operator !== 'eq' && operator !== 'ne') throw invalid(filter, 'eq or ne with null', operator);
      const present = target.present();
      return operator === 'eq' ? `(${present}) IS NOT 1` : present;
    }
    // "ne" is the complement of "eq", on multi-valued and missing attributes too.
    const negate = operator === 'ne';
    const op: Operator = negate ? 'eq' : operator;
    const definition = target.definition;
    let sql: string;
    if (definition.type === 'complex') {
      // A complex attribute compares its "value" sub-attribute (`emails co "@example.com"`).
      const valueDefinition = findSubAttribute(definition, 'value');
      if (valueDefinition === undefined) {
        throw invalid(filter, `a sub-attribute of the complex attribute ${target.label}, or pr`);
      }
      sql = target.any(this.#typedTest(filter, op, value, valueDefinition, target.label), true);
    } else {
      sql = target.any(this.#typedTest(filter, op, value, definition, target.label), false);
    }
    if (op === 'eq' && typeof value === 'string' && this.#isEmailValue(filter)) {
      sql = `(${this.#emailHint(value)} AND ${sql})`;
    }
    return negate ? `(${sql}) IS NOT 1` : sql;
  }

  /** With a schema the attribute's type decides (RFC 7643 §2.3, RFC 7644 §3.4.2.2). */
  #typedTest(
    filter: ComparisonFilter,
    op: Operator,
    value: Value,
    definition: AttributeDefinition,
    label: string,
  ): Test {
    switch (definition.type) {
      case 'string':
      case 'reference':
        return this.#stringTest(op, textOf(value), definition.caseExact);
      case 'binary':
        if (ORDERING.has(op)) {
          throw invalid(filter, `eq, ne, co, sw, ew or pr for the binary attribute ${label}`, op);
        }
        return this.#stringTest(op, textOf(value), definition.caseExact);
      case 'boolean': {
        if (op !== 'eq') throw invalid(filter, `eq, ne or pr for the boolean attribute ${label}`, op);
        const expected = booleanOf(value);
        if (expected === undefined) {
          throw invalid(filter, `true or false for the boolean attribute ${label}`, describe(value));
        }
        return (ref) => `${ref.type} = '${expected ? 'true' : 'false'}'`;
      }
      case 'integer':
      case 'decimal': {
        if (SUBSTRING.has(op)) {
          throw invalid(
            filter,
            `eq, ne, gt, ge, lt, le or pr for the ${definition.type} attribute ${label}`,
            op,
          );
        }
        const expected = numberOf(value);
        if (expected === undefined) {
          throw invalid(filter, `a number for the ${definition.type} attribute ${label}`, describe(value));
        }
        return (ref) => `${ref.value} ${SQL_OPERATOR[op]} ${this.#params.add(expected)}`;
      }
      case 'dateTime': {
        if (SUBSTRING.has(op)) {
          if (typeof value !== 'string') throw invalid(filter, `a string with ${op}`, describe(value));
          return this.#stringTest(op, value, definition.caseExact);
        }
        const instant = typeof value === 'string' ? parseDateTime(value) : Number.NaN;
        if (Number.isNaN(instant)) {
          throw invalid(
            filter,
            `an xsd:dateTime such as "2011-05-13T04:42:34Z" for the dateTime attribute ${label}`,
            describe(value),
          );
        }
        return (ref) => this.#instantTest(op, instant, ref);
      }
      default:
        throw invalid(filter, `a sub-attribute of the complex attribute ${label}`);
    }
  }

  #stringTest(op: Operator, operand: string, caseExact: boolean): Test {
    // Stored caseExact=false strings are read folded (see `comparable`); fold the operand alike.
    const text = caseExact ? operand : foldCase(operand);
    switch (op) {
      case 'co':
        return (ref) => `instr(${ref.value}, ${this.#params.add(text)}) > 0`;
      case 'sw':
        return (ref) => `instr(${ref.value}, ${this.#params.add(text)}) = 1`;
      case 'ew':
        // Lengths in characters (code points), as SQLite counts them.
        return (ref) => {
          const n = [...text].length;
          const { value } = ref;
          return `(length(${value}) >= ${this.#params.add(n)} AND substr(${value}, length(${value}) - ${this.#params.add(n)} + 1) = ${this.#params.add(text)})`;
        };
      default:
        // BINARY collation orders UTF-8 bytes, i.e. code points, as compareCodePoints does.
        return (ref) => `${ref.value} ${SQL_OPERATOR[op]} ${this.#params.add(text)}`;
    }
  }

  #instantTest(op: Operator, instant: number, ref: ValueRef): string {
    const sqlOp = SQL_OPERATOR[op];
    if (ref.isoColumn !== undefined) {
      // meta timestamps are written by this store as canonical ISO-8601 UTC text, which
      // sorts like the instants it names.
      const iso = new Date(instant).toISOString();
      if (/^\d{4}-/.test(iso)) return `${ref.isoColumn} ${sqlOp} ${this.#params.add(iso)}`;
      const before = instant < 0;
      const truth = op === 'eq' ? false : before ? op === 'gt' || op === 'ge' : op === 'lt' || op === 'le';
      return truth ? '1' : '0';
    }
    return `${instantSql(ref.value)} ${sqlOp} ${this.#params.add(instant)}`;
  }

  #isEmails(path: { schema?: string; attribute: string }): boolean {
    if (this.#resourceType !== 'User' || path.attribute.toLowerCase() !== 'emails') return false;
    return path.schema === undefined || path.schema.toLowerCase() === URN.User.toLowerCase();
  }

  /** `emails.value eq x` and `emails eq x`: answered by the email index. */
  #isEmailValue(filter: ComparisonFilter): boolean {
    if (!this.#isEmails(filter.path)) return false;
    const sub = filter.path.subAttribute;
    return sub === undefined || sub.toLowerCase() === 'value';
  }

  // Implied by the exact test it precedes (a user with an email whose folded value is x
  // exists), so it changes no result; it lets SQLite start from two index seeks instead of
  // every user: the email index, and the name index for an email equal to the userName
  // (which the email index leaves out, see `emailKeys`).
  #emailHint(value: string): string {
    const tenant = this.#params.add(this.#tenantPk);
    const folded = foldCase(value);
    const inIndex = `${this.#row}.pk IN (SELECT resource FROM email_index WHERE tenant = ${tenant} AND value = ${this.#params.add(folded)})`;
    const asName = `(${this.#row}.tenant = ${this.#params.add(this.#tenantPk)} AND ${this.#row}.type = 'User' AND ${this.#row}.name_key = ${this.#params.add(folded)})`;
    return `(${inIndex} OR ${asName})`;
  }
}

/** The string `x` when `filter` requires `attribute eq x` in every match (a conjunct). */
function equalityOn(filter: Filter, attribute: string): string | undefined {
  if (filter.type === 'and') return equalityOn(filter.left, attribute) ?? equalityOn(filter.right, attribute);
  if (
    filter.type === 'comparison' &&
    filter.operator === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.subAttribute === undefined &&
    filter.path.attribute.toLowerCase() === attribute
  ) {
    return filter.value;
  }
  return undefined;
}
