import type {
  AttributePath,
  ComparisonFilter,
  ComparisonOperator,
  Filter,
  FilterValue,
  NotFilter,
  PresentFilter,
  ValuePathFilter,
} from '../src/ast.ts';

/** `urn:…:User:name.givenName` → `{ schema, attribute, subAttribute }`, split as the parser does. */
export function path(text: string): AttributePath {
  let rest = text;
  let schema: string | undefined;
  if (text.toLowerCase().startsWith('urn:')) {
    const colon = text.lastIndexOf(':');
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  const [attribute, subAttribute] = rest.split('.') as [string, string | undefined];
  const result: AttributePath = schema === undefined ? { attribute } : { schema, attribute };
  if (subAttribute !== undefined) result.subAttribute = subAttribute;
  return result;
}

export function cmp(at: string, operator: ComparisonOperator, value: FilterValue): ComparisonFilter {
  return { type: 'comparison', path: path(at), operator, value };
}

export function pr(at: string): PresentFilter {
  return { type: 'present', path: path(at) };
}

/** Left-folded, as the parser builds chains. */
export function and(first: Filter, ...rest: Filter[]): Filter {
  return rest.reduce<Filter>((left, right) => ({ type: 'and', left, right }), first);
}

export function or(first: Filter, ...rest: Filter[]): Filter {
  return rest.reduce<Filter>((left, right) => ({ type: 'or', left, right }), first);
}

export function not(filter: Filter): NotFilter {
  return { type: 'not', filter };
}

export function vp(at: string, filter: Filter): ValuePathFilter {
  return { type: 'valuePath', path: path(at), filter };
}
