/** One entity tag from an `If-Match`/`If-None-Match` list, or `*`. */
export type EntityTagList = '*' | string[];

/** Parses an `If-Match`/`If-None-Match` header (RFC 9110 §13.1); `undefined` when absent. */
export function parseEntityTags(header: string | null): EntityTagList | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (text === '') return undefined;
  if (text === '*') return '*';
  const tags: string[] = [];
  // W/"x", "y" — commas may sit inside the quotes, so match tags rather than split.
  for (const match of text.matchAll(/(W\/)?"([^"]*)"|([^\s,]+)/g)) {
    if (match[2] !== undefined) tags.push(`${match[1] ?? ''}"${match[2]}"`);
    else if (match[3] !== undefined) tags.push(match[3]);
  }
  return tags;
}

/** The opaque part of a tag: weak comparison ignores `W/` and the quotes (RFC 9110 §8.8.3.2). */
export function opaqueTag(tag: string): string {
  let value = tag.trim();
  if (value.startsWith('W/') || value.startsWith('w/')) value = value.slice(2);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return value;
}

/** True when `version` weakly matches one of `tags`. */
export function matchesAny(tags: EntityTagList, version: string | undefined): boolean {
  if (version === undefined) return false;
  if (tags === '*') return true;
  const current = opaqueTag(version);
  return tags.some((tag) => opaqueTag(tag) === current);
}
