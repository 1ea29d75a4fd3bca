import { describeProblem, ScimError } from '@scimkit/schema';
import { etag, type ResourceRow } from './documents.ts';

/** `If-Match` (RFC 7644 §3.14): `*`, or one of the listed ETags, weak or strong. */
export function checkVersion(row: ResourceRow, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === null) return;
  const tags = String(ifMatch)
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  if (tags.includes('*')) return;
  const current = String(row.version);
  if (tags.some((tag) => tag.replace(/^W\//i, '').replace(/^"(.*)"$/, '$1') === current)) return;
  throw ScimError.preconditionFailed(
    describeProblem({
      failed: `The ${row.type} ${row.id} was modified since it was read`,
      expected: `version ${String(ifMatch)}`,
      found: etag(row.version),
    }),
  );
}
