import { parseFilter } from '@scimkit/filter';
import {
  describeProblem,
  describeValue,
  parseAttributePath,
  type QueryOptions,
  type SchemaRegistry,
  ScimError,
} from '@scimkit/schema';
import type { SqlValue } from '../driver.ts';
import { resourceScope } from './attribute-sql.ts';
import { type CursorPosition, decodeCursor, encodeCursor, fingerprint } from './cursor.ts';
import { compileFilterSql } from './filter-sql.ts';
import { SqlParams } from './sql-text.ts';

/** Page sizes (RFC 7644 §3.4.2.4 lets the service provider cap `count`). */
export interface PageLimits {
  defaultCount: number;
  maxResults: number;
}

/** The statements one query runs. */
export interface QueryStatements {
  /** The count statement, built only when the page alone does not tell `totalResults`. */
  count(): { sql: string; params: SqlValue[] };
  page: { sql: string; params: SqlValue[] };
  /** Rows asked of the page statement (one more than the page in cursor mode, to see if more follow). */
  limit: number;
  pageSize: number;
  startIndex: number;
  /** Set in cursor mode: the query's fingerprint, for the next cursor. */
  cursorQuery: string | undefined;
  /** True when the page starts at the first row of the result (no offset, no cursor position). */
  firstPage: boolean;
}

const ROW_COLUMNS = 'r.pk, r.id, r.type, r.version, r.created, r.modified, r.doc';

/**
 * A user's groups, read by the page statement itself (`[[id, display], …]`, in group key
 * order): a lookup is then one statement, not a page and a groups query.
 */
const GROUPS_COLUMN = `(SELECT json_group_array(json_array(id, display)) FROM (
  SELECT gr.id AS id, gr.display AS display FROM members AS gm JOIN resources AS gr ON gr.pk = gm.group_pk
  WHERE gm.member_pk = r.pk ORDER BY gm.group_pk)) AS groups_json`;

/**
 * The page limit as an expression rather than a bare `LIMIT ?`: SQLite builds compiled with
 * STAT4 (better-sqlite3's) read a bare bound LIMIT while planning and then re-prepare the
 * statement every time it is bound again, which more than doubled the cost of a one-row
 * lookup. The value is the same integer either way.
 */
function limitOf(placeholder: string): string {
  return `CAST(${placeholder} AS INTEGER)`;
}

/**
 * Builds the SQL of a query (RFC 7644 §3.4.2): the compiled filter, the sort (key, then row
 * key, so every order is total), and either index paging (`LIMIT … OFFSET`) or a keyset
 * after the cursor's position (RFC 9865), which neither skips nor repeats a row that
 * survives concurrent inserts and deletes.
 */
export function buildQuery(
  registry: SchemaRegistry,
  tenantPk: number,
  resourceType: string,
  options: QueryOptions,
  limits: PageLimits,
): QueryStatements {
  const params = new SqlParams();
  const scopeOptions = { registry, resourceType, params, row: 'r' };
  let where = `r.tenant = ${params.add(tenantPk)} AND r.type = ${params.add(resourceType)}`;
  if (options.filter !== undefined) {
    if (typeof options.filter !== 'string') {
      throw ScimError.invalidFilter(
        describeProblem({
          failed: 'The filter is not valid',
          expected: 'a string',
          found: describeValue(options.filter),
        }),
      );
    }
    const ast = parseFilter(options.filter, { allowUnquotedValues: true });
    where += ` AND (${compileFilterSql(ast, { ...scopeOptions, tenantPk })})`;
  }

  const descending =
    typeof options.sortOrder === 'string' && options.sortOrder.toLowerCase() === 'descending';
  let key: { sql: string; nullable: boolean } | undefined;
  if (options.sortBy !== undefined && options.sortBy !== '') {
    // An attribute the schema does not define sorts nothing, as it matches nothing in a filter.
    key = resourceScope(scopeOptions)
      .resolve(parseAttributePath(String(options.sortBy)))
      ?.sortKey();
  }
  if (key === undefined && (resourceType === 'User' || resourceType === 'Group')) {
    // Without sortBy: the unique name key (userName, group displayName), which the
    // (tenant, type, name_key) index already holds in order, so no sort step is needed.
    key = { sql: 'r.name_key', nullable: false };
  }
  const direction = key !== undefined && descending ? 'DESC' : 'ASC';
  let orderBy: string;
  if (key === undefined) orderBy = `r.pk ${direction}`;
  else if (!key.nullable) orderBy = `${key.sql} ${direction}, r.pk ${direction}`;
  // Missing values sort as the greatest (as PostgreSQL does): last ascending, first descending.
  else orderBy = `${key.sql} ${direction} ${descending ? 'NULLS FIRST' : 'NULLS LAST'}, r.pk ${direction}`;

  // Finishing a statement rewrites its text: done for the count only when it is needed.
  const countText = `SELECT count(*) AS n FROM resources AS r WHERE ${where}`;
  const count = () => params.finish(countText);
  const pageSize = pageSizeOf(options.count, limits);
  const keyColumn = key === undefined ? 'NULL' : key.sql;
  const columns = resourceType === 'User' ? `${ROW_COLUMNS}, ${GROUPS_COLUMN}` : ROW_COLUMNS;

  if (options.cursor !== undefined) {
    if (options.startIndex !== undefined) {
      throw ScimError.invalidValue(
        describeProblem({
          failed: 'The query cannot be paged both ways',
          expected: 'either cursor (RFC 9865) or startIndex (RFC 7644 §3.4.2.4)',
          found: 'both',
        }),
      );
    }
    const cursorQuery = fingerprint([
      resourceType,
      options.filter ?? null,
      options.sortBy ?? null,
      direction,
    ]);
    let keyset = '';
    if (options.cursor !== '') {
      const position = decodeCursor(String(options.cursor), cursorQuery);
      keyset = ` AND ${keysetAfter(params, key, descending, position)}`;
    }
    const page = params.finish(
      `SELECT ${columns}, ${keyColumn} AS sort_key FROM resources AS r WHERE ${where}${keyset} ORDER BY ${orderBy} LIMIT ${limitOf(params.add(pageSize + 1))}`,
    );
    return {
      count,
      page,
      limit: pageSize + 1,
      pageSize,
      startIndex: 1,
      cursorQuery,
      firstPage: options.cursor === '',
    };
  }

  const startIndex = startIndexOf(options.startIndex);
  const page = params.finish(
    `SELECT ${columns}, ${keyColumn} AS sort_key FROM resources AS r WHERE ${where} ORDER BY ${orderBy} LIMIT ${limitOf(params.add(pageSize))} OFFSET ${params.add(startIndex - 1)}`,
  );
  return {
    count,
    page,
    limit: pageSize,
    pageSize,
    startIndex,
    cursorQuery: undefined,
    firstPage: startIndex === 1,
  };
}

/** Rows strictly after `position` in the query's order. */
function keysetAfter(
  params: SqlParams,
  key: { sql: string; nullable: boolean } | undefined,
  descending: boolean,
  position: CursorPosition,
): string {
  const after = descending ? '<' : '>';
  const pk = params.add(position.pk);
  if (key === undefined) return `r.pk ${after} ${pk}`;
  if (!key.nullable)
    return `(${key.sql}, r.pk) ${after} (${params.add(position.key)}, ${params.add(position.pk)})`;
  if (position.key === null) {
    return descending
      ? `((${key.sql} IS NULL AND r.pk < ${pk}) OR ${key.sql} IS NOT NULL)`
      : `(${key.sql} IS NULL AND r.pk > ${pk})`;
  }
  const value = params.add(position.key);
  return descending
    ? `(${key.sql} < ${value} OR (${key.sql} = ${value} AND r.pk < ${pk}))`
    : `(${key.sql} > ${value} OR (${key.sql} = ${value} AND r.pk > ${pk}) OR ${key.sql} IS NULL)`;
}

/** The next cursor, from the last row of a page. */
export function nextCursor(query: string, last: { pk: number; sort_key: SqlValue }): string {
  return encodeCursor(query, { key: last.sort_key, pk: last.pk });
}

function pageSizeOf(count: unknown, limits: PageLimits): number {
  if (count === undefined || count === null) return limits.defaultCount;
  const number = Math.trunc(Number(count));
  if (!Number.isFinite(number)) {
    throw ScimError.invalidCount(
      describeProblem({
        failed: 'The count is not valid',
        expected: 'a number',
        found: describeValue(count),
      }),
    );
  }
  // RFC 7644 §3.4.2.4: a negative count means 0; the service provider may return fewer.
  return Math.min(Math.max(number, 0), limits.maxResults);
}

function startIndexOf(startIndex: unknown): number {
  if (startIndex === undefined || startIndex === null) return 1;
  const number = Math.trunc(Number(startIndex));
  if (!Number.isFinite(number)) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The startIndex is not valid',
        expected: 'a number',
        found: describeValue(startIndex),
      }),
    );
  }
  // RFC 7644 §3.4.2.4: a value less than 1 is interpreted as 1.
  return Math.min(Math.max(number, 1), Number.MAX_SAFE_INTEGER);
}
