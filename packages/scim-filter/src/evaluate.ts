import { describeProblem, findSubAttribute, type SchemaRegistry, ScimError } from '@scimkit/schema';
import { typedTest, untypedTest } from './_internal/comparisons.ts';
import { collect, presence, resolve, type Scope, type Test } from './_internal/targets.ts';
import type { ComparisonFilter, Filter, LogicalFilter, ValuePathFilter } from './ast.ts';
import { invalidComparison as invalid, describeFilter as printed } from './operands.ts';

/**
 * How `matchesFilter` and `compileFilter` learn attribute types (RFC 7643 §2.2, §7): with a
 * registry and the resource type being filtered, types, `caseExact` and extension URNs come
 * from the schema; without one, values compare by their JSON type and strings ignore case.
 */
export type MatchOptions =
  | { registry: SchemaRegistry; resourceType: string }
  | { registry?: undefined; resourceType?: undefined };

/** A compiled filter (RFC 7644 §3.4.2.2): true when the resource matches. */
export type FilterPredicate = (resource: object) => boolean;

/** What unknown attributes compile to (RFC 7644 §3.4.2.2 leaves it open; we match nothing). */
const NEVER: Test = () => false;

/**
 * Compiles a filter into a predicate over resources (RFC 7644 §3.4.2.2), resolving paths and
 * checking value types once. Throws a 400 `invalidFilter` `ScimError` for comparisons the
 * schema forbids (e.g. `active gt true`). Prefer it to `matchesFilter` for many resources.
 */
export function compileFilter(filter: Filter, options: MatchOptions = {}): FilterPredicate {
  const { registry, resourceType } = options;
  if (registry !== undefined && (typeof resourceType !== 'string' || !registry.resourceType(resourceType))) {
    throw new TypeError(`[scim-filter] the registry has no resource type ${JSON.stringify(resourceType)}`);
  }
  return compile(filter, { registry, resourceType: resourceType ?? '', parent: undefined });
}

/**
 * True when `resource` matches `filter` (RFC 7644 §3.4.2.2); the reference semantics that
 * every other evaluator (the SQL store) must reproduce. Compiles on every call.
 */
export function matchesFilter(filter: Filter, resource: object, options?: MatchOptions): boolean {
  return compileFilter(filter, options)(resource);
}

function compile(filter: Filter, scope: Scope): Test {
  switch (filter.type) {
    case 'and':
    case 'or':
      return compileLogical(filter, scope);
    case 'not': {
      const inner = compile(filter.filter, scope);
      return (container) => !inner(container);
    }
    case 'present': {
      const target = resolve(filter.path, scope);
      return target === undefined ? NEVER : presence(target);
    }
    case 'comparison':
      return compileComparison(filter, scope);
    case 'valuePath':
      return compileValuePath(filter, scope);
    default:
      throw new TypeError(
        `[scim-filter] unknown filter node ${JSON.stringify((filter as { type: unknown }).type)}`,
      );
  }
}

// Chains are flattened with a stack: the parser builds them left-deep and as long as the input.
function compileLogical(filter: LogicalFilter, scope: Scope): Test {
  const type = filter.type;
  const tests: Test[] = [];
  const pending: Filter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === type) pending.push(node.right, node.left);
    else tests.push(compile(node, scope));
  }
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return type === 'and' ? (c) => a(c) && b(c) : (c) => a(c) || b(c);
  }
  if (type === 'and') {
    return (c) => {
      for (const test of tests) if (!test(c)) return false;
      return true;
    };
  }
  return (c) => {
    for (const test of tests) if (test(c)) return true;
    return false;
  };
}

function compileValuePath(filter: ValuePathFilter, scope: Scope): Test {
  const target = resolve(filter.path, scope);
  if (target === undefined) return NEVER;
  if (target.definition !== undefined && target.definition.type !== 'complex') {
    throw ScimError.invalidFilter(
      describeProblem({
        failed: `Cannot evaluate ${printed(filter)}`,
        expected: 'a complex attribute before "["',
        found: `the ${target.definition.type} attribute ${target.label}`,
      }),
    );
  }
  const inner = compile(filter.filter, {
    ...scope,
    parent: { definition: target.definition, label: target.label },
  });
  const element: Test = (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && inner(value);
  return collect(target, element, false);
}

function compileComparison(filter: ComparisonFilter, scope: Scope): Test {
  const target = resolve(filter.path, scope);
  if (target === undefined) return NEVER;
  const { operator, value } = filter;
  if (value === null) {
    if (operator !== 'eq' && operator !== 'ne') throw invalid(filter, 'eq or ne with null', operator);
    const present = presence(target);
    return operator === 'eq' ? (c) => !present(c) : present;
  }
  // "ne" is the complement of "eq", on multi-valued and missing attributes too.
  const negate = operator === 'ne';
  const op = negate ? 'eq' : operator;
  let test: Test;
  const definition = target.definition;
  if (definition === undefined) {
    test = collect(target, untypedTest(filter, op, value), target.sub === undefined ? 'dynamic' : false);
  } else if (definition.type === 'complex') {
    // A complex attribute compares its "value" sub-attribute (`emails co "@example.com"`).
    const valueDefinition = findSubAttribute(definition, 'value');
    if (valueDefinition === undefined) {
      throw invalid(filter, `a sub-attribute of the complex attribute ${target.label}, or pr`);
    }
    test = collect(target, typedTest(filter, op, value, valueDefinition, target.label), true);
  } else {
    test = collect(target, typedTest(filter, op, value, definition, target.label), false);
  }
  return negate ? (c) => !test(c) : test;
}
