import type { AttributeDefinition } from './definitions/types.ts';
import { ScimError } from './errors.ts';
import type { ResolvedAttribute, SchemaRegistry } from './registry.ts';
import { findSubAttribute } from './registry.ts';
import { isPlainObject } from './validate.ts';

/** RFC 7644 §3.4.2.5 / §3.9 `attributes` and `excludedAttributes`. */
export interface ProjectionOptions {
  /** Attribute names to return (besides those `returned: always`). */
  attributes?: readonly string[];
  /** Attribute names to leave out (never those `returned: always`). Ignored when `attributes` is set. */
  excludedAttributes?: readonly string[];
  /** The resource type; detected from `meta.resourceType` or `schemas` when absent. */
  resourceType?: string;
  /**
   * Builds an element predicate for an entry such as `emails[type eq "work"]`. Without it,
   * such entries are refused: this package does not parse filters.
   */
  valueFilter?: (
    resourceType: string,
    attribute: ResolvedAttribute,
    filter: string,
  ) => (element: unknown) => boolean;
}

/** Splits a comma-separated `attributes`/`excludedAttributes` query value (brackets kept together). */
export function parseAttributeList(text: string | null | undefined): string[] {
  if (text === null || text === undefined) return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"' && text[index - 1] !== '\\') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

interface Selection {
  /** Whole attribute selected. */
  all: boolean;
  /** Selected sub-attributes (lower-case names). */
  subs: Set<string>;
  /** Element predicates from `attr[filter]` entries; an element is kept when any matches. */
  where: ((element: unknown) => boolean)[];
}

type Selections = Map<AttributeDefinition, Selection>;

/**
 * Applies RFC 7644 §3.4.2.5 projection to a resource, returning a new object:
 * `returned: never` is never included, `always` always (`id`, `schemas`), `default` unless
 * `attributes` names others or `excludedAttributes` names it, `request` only when named.
 * Names are case-insensitive and may be URN-qualified or name sub-attributes.
 */
export function projectResource(
  registry: SchemaRegistry,
  input: object,
  options: ProjectionOptions = {},
): Record<string, unknown> {
  const resource = input as Record<string, unknown>;
  const type = options.resourceType ?? registry.resourceTypeOf(resource)?.name;
  if (type === undefined) throw new TypeError('[scim-schema] projectResource: cannot tell the resource type');
  const requested = options.attributes !== undefined && options.attributes.length > 0;
  const names = requested ? options.attributes! : (options.excludedAttributes ?? []);
  const selections: Selections = new Map();
  const wholeExtensions = new Set<string>();
  for (const name of names) collect(registry, type, name, options, selections, wholeExtensions);

  // One lookup table for the whole resource: projection runs for every resource of every answer.
  const table = registry.attributeTable(type);
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    if (key === 'schemas') {
      output.schemas = value;
      continue;
    }
    const lower = key.toLowerCase();
    const extension = lower.startsWith('urn:') ? table.extensions.get(lower) : undefined;
    if (extension !== undefined) {
      if (!isPlainObject(value)) continue;
      const urn = extension.schema.id.toLowerCase();
      const object: Record<string, unknown> = {};
      for (const sub of extension.schema.attributes) {
        if (!(sub.name in value)) continue;
        const whole = wholeExtensions.has(urn);
        const projected = projectAttribute(sub, value[sub.name], selections.get(sub), requested, whole);
        if (projected !== undefined) object[sub.name] = projected;
      }
      if (Object.keys(object).length > 0) output[key] = object;
      continue;
    }
    const attribute = table.base.get(lower)?.definition;
    if (attribute === undefined) continue;
    const projected = projectAttribute(attribute, value, selections.get(attribute), requested, false);
    if (projected !== undefined) output[key] = projected;
  }
  return output;
}

function collect(
  registry: SchemaRegistry,
  type: string,
  entry: string,
  options: ProjectionOptions,
  selections: Selections,
  wholeExtensions: Set<string>,
): void {
  const bracket = entry.indexOf('[');
  let pathText = entry;
  let filterText: string | undefined;
  if (bracket !== -1) {
    const close = entry.lastIndexOf(']');
    if (close < bracket)
      throw ScimError.invalidValue(`The attribute ${JSON.stringify(entry)} has an unclosed "[".`);
    pathText = entry.slice(0, bracket) + entry.slice(close + 1);
    filterText = entry.slice(bracket + 1, close);
  }
  if (registry.extension(type, pathText) !== undefined) {
    wholeExtensions.add(pathText.toLowerCase());
    return;
  }
  const resolved = registry.resolve(type, pathText);
  // RFC 7644 §3.9: unknown names in attributes/excludedAttributes are not an error.
  if (resolved === undefined) return;
  const selection = selections.get(resolved.attribute) ?? { all: false, subs: new Set<string>(), where: [] };
  selections.set(resolved.attribute, selection);
  if (resolved.subAttribute === undefined) selection.all = true;
  else selection.subs.add(resolved.subAttribute.name.toLowerCase());
  if (filterText !== undefined) {
    if (options.valueFilter === undefined) {
      throw ScimError.invalidValue(
        `Value filters in attribute lists are not supported here: ${JSON.stringify(entry)}.`,
      );
    }
    selection.where.push(options.valueFilter(type, resolved, filterText));
  }
}

function projectAttribute(
  definition: AttributeDefinition,
  value: unknown,
  selection: Selection | undefined,
  requested: boolean,
  wholeExtension: boolean,
): unknown {
  if (definition.returned === 'never' || value === undefined) return undefined;
  if (definition.returned === 'always') return value;
  if (requested) {
    if (wholeExtension) return definition.returned === 'request' ? undefined : value;
    if (selection === undefined) return undefined;
    const kept = selection.where.length === 0 ? value : filterElements(value, selection.where);
    if (selection.all || definition.type !== 'complex') return kept;
    return pickSubAttributes(definition, kept, selection.subs, 'include');
  }
  // Not requested by name: the default set, less what is excluded.
  if (definition.returned === 'request') return undefined;
  if (wholeExtension) return undefined;
  if (selection === undefined) return stripNever(definition, value);
  if (selection.all) return undefined;
  return pickSubAttributes(definition, value, selection.subs, 'exclude');
}

function filterElements(value: unknown, where: ((element: unknown) => boolean)[]): unknown {
  if (!Array.isArray(value)) return where.some((test) => test(value)) ? value : undefined;
  const kept = value.filter((element) => where.some((test) => test(element)));
  return kept.length === 0 ? undefined : kept;
}

function pickSubAttributes(
  definition: AttributeDefinition,
  value: unknown,
  names: Set<string>,
  mode: 'include' | 'exclude',
): unknown {
  const pick = (element: unknown): Record<string, unknown> | undefined => {
    if (!isPlainObject(element)) return undefined;
    const output: Record<string, unknown> = {};
    for (const key of Object.keys(element)) {
      const sub = findSubAttribute(definition, key);
      if (sub === undefined || sub.returned === 'never') continue;
      const named = names.has(sub.name.toLowerCase());
      const keep =
        sub.returned === 'always' || (mode === 'include' ? named : !named && sub.returned !== 'request');
      if (keep) output[key] = element[key];
    }
    return Object.keys(output).length === 0 ? undefined : output;
  };
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const kept = value.map(pick).filter((element) => element !== undefined);
    return kept.length === 0 ? undefined : kept;
  }
  return pick(value);
}

function stripNever(definition: AttributeDefinition, value: unknown): unknown {
  const hidden = definition.subAttributes?.some(
    (sub) => sub.returned === 'never' || sub.returned === 'request',
  );
  if (!hidden) return value;
  return pickSubAttributes(definition, value, new Set(), 'exclude');
}
