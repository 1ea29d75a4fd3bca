import { describeProblem, ScimError } from '@scimkit/schema';
import type { SqlValue } from '../driver.ts';

/** Where a cursor walk stands: the last row's sort key and row key (RFC 9865 keyset). */
export interface CursorPosition {
  key: SqlValue;
  pk: number;
}

/** FNV-1a of the query's shape: a cursor is only valid for the query that issued it. */
export function fingerprint(parts: readonly unknown[]): string {
  const text = JSON.stringify(parts);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** An opaque cursor (RFC 9865 §2): the position and the query it belongs to. */
export function encodeCursor(query: string, position: CursorPosition): string {
  return toBase64Url(JSON.stringify([1, query, position.key, position.pk]));
}

function invalidCursor(found: string): ScimError {
  return ScimError.invalidCursor(
    describeProblem({
      failed: 'The cursor is not valid',
      expected: 'a nextCursor value returned by this query, unchanged, or "" for the first page',
      found,
    }),
  );
}

export function decodeCursor(cursor: string, query: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw invalidCursor('text that is not a cursor');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== 1 ||
    typeof parsed[3] !== 'number' ||
    !Number.isSafeInteger(parsed[3]) ||
    !(parsed[2] === null || typeof parsed[2] === 'string' || typeof parsed[2] === 'number')
  ) {
    throw invalidCursor('text that is not a cursor');
  }
  if (parsed[1] !== query) throw invalidCursor('a cursor of another query (its filter or sort differs)');
  return { key: parsed[2] as SqlValue, pk: parsed[3] as number };
}
