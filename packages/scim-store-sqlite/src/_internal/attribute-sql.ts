import type { AttributePath } from '@scimkit/filter';
import {
  type AttributeDefinition,
  describeProblem,
  findSubAttribute,
  type SchemaRegistry,
  ScimError,
  URN,
} from '@scimkit/schema';
import { instantSql } from './datetime-sql.ts';
import { isFoldable } from './documents.ts';
import { jsonKey, literal, type SqlParams } from './sql-text.ts';

/** One value a filter compares, as SQL: already case-folded when its attribute is caseExact=false. */
export interface ValueRef {
  value: string;
  /** SQL naming the value's JSON type (`'true'`, `'text'`, …), NULL when absent. */
  type: string;
  /** A text column of canonical ISO-8601 UTC instants, compared as text (an index range). */
  isoColumn?: string;
}

/** Where the values of an attribute path are, in SQL: a column, the JSON document, or the members table. */
export interface Target {
  label: string;
  /** The definition the path ends at. */
  definition: AttributeDefinition;
  /** True when some value the path reaches satisfies `test`; `implied` reads complex values' `value`. */
  any(test: (ref: ValueRef) => string, implied: boolean): string;
  /** RFC 7644 `pr`, with the reference semantics of `isPresent`. */
  present(): string;
  /** `path[filter]`: some element (an object) satisfies `inner`, compiled in its scope. */
  elements(inner: (scope: Scope) => string): string;
  /** The value `sortBy` orders by (RFC 7644 §3.4.2.3), and whether it can be missing. */
  sortKey(): { sql: string; nullable: boolean };
}

/** Resolves attribute paths to targets: at the top of a resource, or inside `[…]`. */
export interface Scope {
  /** `undefined` for a path that names nothing: it matches nothing, like the reference evaluator. */
  resolve(path: AttributePath): Target | undefined;
}

/** What the top-level scope needs to know. */
export interface ResourceScopeOptions {
  registry: SchemaRegistry;
  resourceType: string;
  params: SqlParams;
  /** The alias of the `resources` row being filtered. */
  row: string;
}

function unanswerable(label: string, reason: string): ScimError {
  return ScimError.invalidFilter(
    describeProblem({
      failed: `Cannot filter on ${label}`,
      expected: 'an attribute the store keeps',
      found: reason,
    }),
  );
}

/** The scope of a resource row: schema resolution, then the column, JSON or table holding each attribute. */
export function resourceScope(options: ResourceScopeOptions): Scope {
  const { registry, resourceType, params, row } = options;
  const document = searchedDocument(row);
  return {
    resolve(path) {
      const resolved = registry.resolve(resourceType, path);
      if (resolved === undefined) return undefined;
      const { attribute, subAttribute, schema, extension } = resolved;
      const label = labelOf(path);
      if (attribute.returned === 'never') {
        throw unanswerable(label, `${attribute.name}, which is never stored or returned`);
      }
      if (!extension && schema === undefined) {
        if (attribute.name === 'id') return columnTarget(`${row}.id`, attribute, label, false);
        if (attribute.name === 'externalId')
          return columnTarget(`${row}.external_id`, attribute, label, true);
        if (attribute.name === 'meta') {
          const meta = metaScope(row, attribute);
          return subAttribute === undefined
            ? objectTarget(attribute, label, meta)
            : meta.resolve({ attribute: subAttribute.name })!;
        }
      }
      if (!extension && subAttribute === undefined) {
        if (resourceType === 'User' && attribute.name === 'userName') {
          return columnTarget(`${row}.name_key`, attribute, label, false);
        }
        // A group's displayName is its unique key (Entra looks groups up by it); a user's
        // is read from the document like any other attribute.
        if (resourceType === 'Group' && attribute.name === 'displayName') {
          return columnTarget(`${row}.name_key`, attribute, label, false);
        }
      }
      if (resourceType === 'Group' && schema === URN.Group && attribute.name === 'members') {
        return tableTarget(membersTable(row), attribute, subAttribute, label, params);
      }
      if (resourceType === 'User' && schema === URN.User && attribute.name === 'groups') {
        return tableTarget(groupsTable(row), attribute, subAttribute, label, params);
      }
      const base = extension
        ? `$${jsonKey(schema!)}${jsonKey(attribute.name)}`
        : `$${jsonKey(attribute.name)}`;
      if (base.slice(1).replace(/\."[^"]*"/g, '') !== '') {
        throw unanswerable(label, 'a schema URN with a double quote in it');
      }
      return jsonTarget({ doc: document, path: base }, attribute, subAttribute, label, params);
    },
  };
}

function labelOf(path: AttributePath): string {
  const base = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? base : `${path.schema}:${base}`;
}

// ---------------------------------------------------------------------------------------------
// JSON attributes: `json_extract` for single values, `json_each` for multi-valued ones, and
// `lower()` on caseExact=false strings.

/**
 * The document filters read: the row's `folded` twin when it has one (its text folds beyond
 * ASCII), else the document itself, whose strings `lower()` then folds exactly (see
 * `foldedColumn`).
 */
function searchedDocument(row: string): string {
  return `(CASE ${row}.folded WHEN '' THEN ${row}.doc ELSE ${row}.folded END)`;
}

/** A value of `definition` as compared: case-folded when the attribute is caseExact=false. */
function comparable(sql: string, definition: AttributeDefinition): string {
  return isFoldable(definition) ? `lower(${sql})` : sql;
}

interface JsonLocation {
  /** SQL evaluating to JSON text. */
  doc: string;
  /** A JSON path (inlined as a literal: it comes from schema names, never from input). */
  path: string;
}

function child(location: JsonLocation, key: string): JsonLocation {
  return { doc: location.doc, path: `${location.path}${jsonKey(key)}` };
}

function refAt(location: JsonLocation, definition: AttributeDefinition): ValueRef {
  return {
    value: comparable(`json_extract(${location.doc}, ${literal(location.path)})`, definition),
    type: `json_type(${location.doc}, ${literal(location.path)})`,
  };
}

function jsonTarget(
  location: JsonLocation,
  attribute: AttributeDefinition,
  sub: AttributeDefinition | undefined,
  label: string,
  params: SqlParams,
): Target {
  const definition = sub ?? attribute;
  const each = (alias: string): string => `json_each(${location.doc}, ${literal(location.path)}) AS ${alias}`;
  return {
    label,
    definition,
    any(test, implied) {
      const subName = sub?.name ?? (implied ? 'value' : undefined);
      const leaf = subName === undefined ? attribute : (findSubAttribute(attribute, subName) ?? attribute);
      if (!attribute.multiValued)
        return test(refAt(subName === undefined ? location : child(location, subName), leaf));
      const e = params.alias('e');
      const ref: ValueRef =
        subName === undefined
          ? { value: comparable(`${e}.value`, leaf), type: `${e}.type` }
          : refAt({ doc: `${e}.value`, path: `$${jsonKey(subName)}` }, leaf);
      // Elements of a complex attribute are objects; json_extract on anything else would fail.
      const objects = subName === undefined ? '' : `${e}.type = 'object' AND `;
      return `EXISTS (SELECT 1 FROM ${each(e)} WHERE ${objects}${test(ref)})`;
    },
    present() {
      if (sub !== undefined) {
        if (!attribute.multiValued) return `${refAt(child(location, sub.name), sub).value} <> ''`;
        const e = params.alias('e');
        return `EXISTS (SELECT 1 FROM ${each(e)} WHERE ${e}.type = 'object' AND json_extract(${e}.value, ${literal(`$${jsonKey(sub.name)}`)}) <> '')`;
      }
      if (attribute.type !== 'complex' && !attribute.multiValued) {
        return `${refAt(location, attribute).value} <> ''`;
      }
      const t = params.alias('t');
      return `EXISTS (SELECT 1 FROM json_tree(${location.doc}, ${literal(location.path)}) AS ${t} WHERE ${t}.atom <> '')`;
    },
    elements(inner) {
      if (!attribute.multiValued) {
        return `(json_type(${location.doc}, ${literal(location.path)}) = 'object' AND ${inner(jsonElementScope(location, attribute, label, params))})`;
      }
      const e = params.alias('e');
      const scope = jsonElementScope({ doc: `${e}.value`, path: '$' }, attribute, label, params);
      return `EXISTS (SELECT 1 FROM ${each(e)} WHERE ${e}.type = 'object' AND ${inner(scope)})`;
    },
    sortKey() {
      let subName = sub?.name;
      if (subName === undefined && attribute.type === 'complex') {
        if (findSubAttribute(attribute, 'value') === undefined) throw unsortable(label);
        subName = 'value';
      }
      const subDefinition =
        subName === undefined ? attribute : (findSubAttribute(attribute, subName) ?? attribute);
      let sql: string;
      if (!attribute.multiValued) {
        sql = refAt(subName === undefined ? location : child(location, subName), subDefinition).value;
      } else if (subName === undefined) {
        sql = comparable(`json_extract(${location.doc}, ${literal(`${location.path}[0]`)})`, subDefinition);
      } else {
        // RFC 7644 §3.4.2.3: the primary value if any, else the first.
        const e = params.alias('e');
        const primary = `CASE WHEN ${e}.type = 'object' THEN json_type(${e}.value, '$."primary"') = 'true' ELSE 0 END`;
        const value = comparable(
          `json_extract(${e}.value, ${literal(`$${jsonKey(subName)}`)})`,
          subDefinition,
        );
        sql = `(SELECT CASE WHEN ${e}.type = 'object' THEN ${value} END FROM ${each(e)} ORDER BY ${primary} DESC, ${e}.key LIMIT 1)`;
      }
      return { sql: subDefinition.type === 'dateTime' ? instantSql(sql) : sql, nullable: true };
    },
  };
}

/** Inside `attr[…]` of a JSON attribute: paths name sub-attributes of one element. */
function jsonElementScope(
  element: JsonLocation,
  parent: AttributeDefinition,
  parentLabel: string,
  params: SqlParams,
): Scope {
  return {
    resolve(path) {
      const definition = findSubAttribute(parent, path.attribute);
      if (definition === undefined) return undefined;
      if (path.subAttribute !== undefined) return undefined;
      return jsonTarget(
        child(element, definition.name),
        definition,
        undefined,
        `${parentLabel}.${definition.name}`,
        params,
      );
    },
  };
}

function unsortable(label: string): ScimError {
  return ScimError.invalidValue(
    describeProblem({
      failed: `Cannot sort by ${label}`,
      expected: 'a simple attribute, or a sub-attribute such as name.familyName',
      found: 'a complex attribute without a "value" sub-attribute',
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Columns: the hot lookups (userName, displayName, externalId, id) and `meta`.

function columnTarget(
  column: string,
  definition: AttributeDefinition,
  label: string,
  nullable: boolean,
  extra: Partial<ValueRef> = {},
): Target {
  const ref: ValueRef = {
    value: column,
    type: nullable ? `CASE WHEN ${column} IS NOT NULL THEN 'text' END` : "'text'",
    ...extra,
  };
  return {
    label,
    definition,
    any: (test) => test(ref),
    present: () => `${column} <> ''`,
    elements: () => {
      throw new TypeError(`[scim-store-sqlite] ${label} is not complex`);
    },
    sortKey: () => ({ sql: extra.isoColumn ?? column, nullable }),
  };
}

/** `meta` is rebuilt from columns: `resourceType`, `created`, `lastModified` and `version`. */
function metaScope(row: string, meta: AttributeDefinition): Scope {
  return {
    resolve(path) {
      const definition = findSubAttribute(meta, path.attribute);
      if (definition === undefined || path.subAttribute !== undefined) return undefined;
      const label = `meta.${definition.name}`;
      switch (definition.name) {
        case 'resourceType':
          return columnTarget(`${row}.type`, definition, label, false);
        case 'created':
          return columnTarget(`lower(${row}.created)`, definition, label, false, {
            isoColumn: `${row}.created`,
          });
        case 'lastModified':
          return columnTarget(`lower(${row}.modified)`, definition, label, false, {
            isoColumn: `${row}.modified`,
          });
        case 'version':
          return columnTarget(`('W/"' || ${row}.version || '"')`, definition, label, false);
        default:
          throw unanswerable(label, 'a value the HTTP layer adds to responses');
      }
    },
  };
}

/** A complex single-valued attribute every resource has (`meta`). */
function objectTarget(attribute: AttributeDefinition, label: string, scope: Scope): Target {
  return {
    label,
    definition: attribute,
    any(test, implied) {
      if (!implied) throw new TypeError(`[scim-store-sqlite] ${label} is complex`);
      const target = scope.resolve({ attribute: 'value' });
      return target === undefined ? '0' : target.any(test, false);
    },
    present: () => '1',
    elements: (inner) => inner(scope),
    sortKey: () => {
      throw unsortable(label);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tables: group members and the groups of a user, read from `members`.

interface Table {
  /** FROM clause with `{m}` and `{r}` placeholders for the aliases. */
  from: (m: string, r: string) => string;
  where: (m: string) => string;
  sub: (name: string, r: string) => string | undefined;
  order: (m: string) => string;
  /** Sub-attributes the store cannot answer, with the reason. */
  unanswerable: Record<string, string>;
}

function membersTable(row: string): Table {
  return {
    from: (m, r) => `members AS ${m} JOIN resources AS ${r} ON ${r}.pk = ${m}.member_pk`,
    where: (m) => `${m}.group_pk = ${row}.pk`,
    sub: (name, r) =>
      name === 'value'
        ? `${r}.id`
        : name === 'display'
          ? `(CASE ${r}.type WHEN 'Group' THEN ${r}.name_key ELSE lower(json_extract(${searchedDocument(r)}, '$."displayName"')) END)`
          : name === 'type'
            ? `lower(${r}.type)`
            : undefined,
    order: (m) => `${m}.member_pk`,
    unanswerable: { $ref: 'a URL the HTTP layer adds to responses' },
  };
}

function groupsTable(row: string): Table {
  return {
    from: (m, r) => `members AS ${m} JOIN resources AS ${r} ON ${r}.pk = ${m}.group_pk`,
    where: (m) => `${m}.member_pk = ${row}.pk`,
    sub: (name, r) =>
      name === 'value'
        ? `${r}.id`
        : name === 'display'
          ? `${r}.name_key`
          : name === 'type'
            ? `'direct'`
            : undefined,
    order: (m) => `${m}.group_pk`,
    unanswerable: { $ref: 'a URL the HTTP layer adds to responses' },
  };
}

function tableTarget(
  table: Table,
  attribute: AttributeDefinition,
  sub: AttributeDefinition | undefined,
  label: string,
  params: SqlParams,
): Target {
  const subSql = (name: string, r: string): string => {
    const reason = table.unanswerable[name];
    if (reason !== undefined) throw unanswerable(`${label.split('.')[0]}.${name}`, reason);
    const sql = table.sub(name, r);
    if (sql === undefined) throw unanswerable(`${label}.${name}`, 'a sub-attribute the store does not keep');
    return sql;
  };
  if (sub !== undefined) subSql(sub.name, 'x');
  const exists = (body: (m: string, r: string) => string): string => {
    const m = params.alias('m');
    const r = params.alias('r');
    return `EXISTS (SELECT 1 FROM ${table.from(m, r)} WHERE ${table.where(m)} AND ${body(m, r)})`;
  };
  return {
    label,
    definition: sub ?? attribute,
    any(test, implied) {
      const name = sub?.name ?? (implied ? 'value' : undefined);
      if (name === undefined) throw new TypeError(`[scim-store-sqlite] ${label} is complex`);
      return exists((_m, r) => test({ value: subSql(name, r), type: "'text'" }));
    },
    present() {
      if (sub === undefined) {
        const m = params.alias('m');
        return `EXISTS (SELECT 1 FROM members AS ${m} WHERE ${table.where(m)})`;
      }
      return exists((_m, r) => `${subSql(sub.name, r)} <> ''`);
    },
    elements(inner) {
      return exists((_m, r) =>
        inner({
          resolve(path) {
            const definition = findSubAttribute(attribute, path.attribute);
            if (definition === undefined || path.subAttribute !== undefined) return undefined;
            return columnTarget(subSql(definition.name, r), definition, `${label}.${definition.name}`, false);
          },
        }),
      );
    },
    sortKey() {
      const name = sub?.name ?? 'value';
      const m = params.alias('m');
      const r = params.alias('r');
      return {
        sql: `(SELECT ${subSql(name, r)} FROM ${table.from(m, r)} WHERE ${table.where(m)} ORDER BY ${table.order(m)} LIMIT 1)`,
        nullable: true,
      };
    },
  };
}
