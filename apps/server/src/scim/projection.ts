import { compileFilter, type Filter, parseFilter } from '@scimkit/filter';
import {
  projectResource,
  type ResolvedAttribute,
  type SchemaRegistry,
  type ScimResource,
} from '@scimkit/schema';
import type { Projection } from './query.ts';

/** A function that applies one request's `attributes`/`excludedAttributes` to a resource. */
export type Projector = (resource: ScimResource) => Record<string, unknown>;

/**
 * RFC 7644 §3.4.2.5 projection for one request. Value filters in the list
 * (`attributes=emails[type eq "work"]`) are parsed once and evaluated per element with the
 * filter package's evaluator, so they follow the schema's caseExact rules exactly as `filter=` does.
 */
export function createProjector(
  registry: SchemaRegistry,
  resourceType: string,
  projection: Projection,
): Projector {
  const options = {
    resourceType,
    attributes: projection.attributes,
    excludedAttributes: projection.excludedAttributes,
    valueFilter: (type: string, attribute: ResolvedAttribute, text: string) =>
      elementPredicate(registry, type, attribute, text),
  };
  // Validate the lists (and parse value filters) once, before any resource is read; without
  // either list there is nothing to validate.
  if (projection.attributes.length > 0 || projection.excludedAttributes.length > 0) {
    projectResource(registry, { schemas: [] }, options);
  }
  return (resource) => projectResource(registry, resource, options);
}

function elementPredicate(
  registry: SchemaRegistry,
  resourceType: string,
  attribute: ResolvedAttribute,
  text: string,
): (element: unknown) => boolean {
  const inner = parseFilter(text);
  const name = attribute.attribute.name;
  // Wrap the element in a resource holding only it and ask `attr[filter]` of that: the evaluator
  // then resolves sub-attributes and case rules exactly as it does for `filter=`.
  const filter: Filter = {
    type: 'valuePath',
    path:
      attribute.extension && attribute.schema !== undefined
        ? { schema: attribute.schema, attribute: name }
        : { attribute: name },
    filter: inner,
  };
  const matches = compileFilter(filter, { registry, resourceType });
  return (element) => {
    const holder: Record<string, unknown> = { [name]: [element] };
    return matches(
      attribute.extension && attribute.schema !== undefined ? { [attribute.schema]: holder } : holder,
    );
  };
}

/**
 * True when the projection leaves a resource type's `members` out, so the store need not read
 * them: a group of 100k members costs nothing on `excludedAttributes=members`.
 */
export function excludesMembers(
  registry: SchemaRegistry,
  resourceType: string,
  projection: Projection,
): boolean {
  const members = registry.baseAttribute(resourceType, 'members');
  if (members === undefined) return false;
  const names = (list: readonly string[]) =>
    list.some((entry) => {
      const path = entry.replace(/\[.*\]/s, '');
      return registry.resolve(resourceType, path)?.attribute === members.attribute;
    });
  if (projection.attributes.length > 0) return !names(projection.attributes);
  return names(projection.excludedAttributes);
}
