import {
  describeProblem,
  describeValue,
  isPlainObject,
  parseAttributeList,
  ScimError,
} from '@scimkit/schema';
import type { Limits } from '../config.ts';

/** A query as the server hands it to the store, plus the projection it asked for. */
export interface QueryParams {
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  startIndex: number;
  count: number;
  cursor?: string;
  attributes: string[];
  excludedAttributes: string[];
}

/** The `attributes`/`excludedAttributes` of a request (RFC 7644 §3.9). */
export interface Projection {
  attributes: string[];
  excludedAttributes: string[];
}

/**
 * Query parameters by lower-case name: parameter names are matched case-insensitively and
 * unknown ones (`aadOptscim062020`) are ignored.
 */
export function queryParameters(request: Request): Map<string, string> {
  const parameters = new Map<string, string>();
  const query = queryString(request.url);
  if (query === '') return parameters;
  for (const [name, value] of new URLSearchParams(query)) {
    const key = name.toLowerCase();
    if (!parameters.has(key)) parameters.set(key, value);
  }
  return parameters;
}

/**
 * The query of a serialised URL, as `new URL(url).searchParams` reads it, without parsing the
 * whole URL again on every request.
 */
function queryString(url: string): string {
  const hash = url.indexOf('#');
  const start = url.indexOf('?');
  if (start === -1 || (hash !== -1 && start > hash)) return '';
  return url.slice(start + 1, hash === -1 ? undefined : hash);
}

/** The projection asked for in the query string. */
export function projectionFromQuery(parameters: Map<string, string>): Projection {
  return {
    attributes: parseAttributeList(parameters.get('attributes')),
    excludedAttributes: parseAttributeList(parameters.get('excludedattributes')),
  };
}

/** RFC 7644 §3.4.2: a GET query's filter, sort, paging (index or RFC 9865 cursor) and projection. */
export function listQueryFromUrl(parameters: Map<string, string>, limits: Limits): QueryParams {
  return buildQuery(
    {
      filter: parameters.get('filter'),
      sortBy: parameters.get('sortby'),
      sortOrder: parameters.get('sortorder'),
      startIndex: parameters.get('startindex'),
      count: parameters.get('count'),
      cursor: parameters.get('cursor'),
    },
    projectionFromQuery(parameters),
    limits,
  );
}

/** RFC 7644 §3.4.3: the same from a `SearchRequest` body. */
export function listQueryFromSearch(body: unknown, limits: Limits): QueryParams {
  if (!isPlainObject(body)) {
    throw ScimError.invalidSyntax(
      describeProblem({
        failed: 'The search request is not valid',
        expected: 'a SearchRequest JSON object',
        found: describeValue(body),
      }),
    );
  }
  const fields = new Map<string, unknown>();
  for (const key of Object.keys(body)) fields.set(key.toLowerCase(), body[key]);
  const text = (name: string): string | undefined => {
    const value = fields.get(name.toLowerCase());
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && (name === 'startIndex' || name === 'count')) return String(value);
    throw ScimError.invalidValue(
      describeProblem({
        failed: `The search request's ${name} is not valid`,
        expected: 'a string',
        found: describeValue(value),
      }),
    );
  };
  const list = (name: string): string[] => {
    const value = fields.get(name.toLowerCase());
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return parseAttributeList(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      return value.flatMap((item) => parseAttributeList(item));
    }
    throw ScimError.invalidValue(
      describeProblem({
        failed: `The search request's ${name} is not valid`,
        expected: 'an array of attribute names',
        found: describeValue(value),
      }),
    );
  };
  return buildQuery(
    {
      filter: text('filter'),
      sortBy: text('sortBy'),
      sortOrder: text('sortOrder'),
      startIndex: text('startIndex'),
      count: text('count'),
      cursor: text('cursor'),
    },
    { attributes: list('attributes'), excludedAttributes: list('excludedAttributes') },
    limits,
  );
}

interface RawQuery {
  filter: string | undefined;
  sortBy: string | undefined;
  sortOrder: string | undefined;
  startIndex: string | undefined;
  count: string | undefined;
  cursor: string | undefined;
}

function buildQuery(raw: RawQuery, projection: Projection, limits: Limits): QueryParams {
  if (raw.cursor !== undefined && raw.startIndex !== undefined && raw.startIndex.trim() !== '') {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The query cannot be paged both ways',
        expected: 'either cursor (RFC 9865) or startIndex (RFC 7644 §3.4.2.4)',
        found: 'both',
      }),
    );
  }
  const query: QueryParams = {
    // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0.
    startIndex: Math.max(1, integer('startIndex', raw.startIndex) ?? 1),
    count: Math.min(limits.maxPageSize, Math.max(0, integer('count', raw.count) ?? limits.defaultPageSize)),
    ...projection,
  };
  if (raw.filter !== undefined && raw.filter.trim() !== '') query.filter = raw.filter;
  if (raw.sortBy !== undefined && raw.sortBy.trim() !== '') query.sortBy = raw.sortBy.trim();
  if (raw.sortOrder !== undefined && raw.sortOrder.trim() !== '') {
    const order = raw.sortOrder.trim().toLowerCase();
    if (order !== 'ascending' && order !== 'descending') {
      throw ScimError.invalidValue(
        describeProblem({
          failed: 'The sortOrder is not valid',
          expected: '"ascending" or "descending"',
          found: describeValue(raw.sortOrder),
        }),
      );
    }
    query.sortOrder = order;
  }
  if (raw.cursor !== undefined) query.cursor = raw.cursor;
  return query;
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  if (!/^[-+]?\d{1,15}$/.test(trimmed)) {
    const detail = describeProblem({
      failed: `The ${name} is not valid`,
      expected: 'an integer',
      found: describeValue(text),
    });
    // RFC 9865 §2.3 names a bad count `invalidCount`; a bad startIndex stays `invalidValue`.
    throw name === 'count' ? ScimError.invalidCount(detail) : ScimError.invalidValue(detail);
  }
  return Number(trimmed);
}
