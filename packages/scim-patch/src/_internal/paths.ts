import { type PatchPath, parsePath } from '@scimkit/filter';

const LIMIT = 1024;
// Real paths are short; a client cannot make the cache hold its 8 KiB ones.
const LONGEST_CACHED = 256;
const cache = new Map<string, PatchPath>();

/**
 * Parses a PATCH path, remembering recent ones: Entra sends the same handful of paths
 * (`emails[type eq "work"].value`, …) in every cycle. Parsed paths are shared, never mutated.
 */
export function parsePatchPath(text: string): PatchPath {
  let parsed = cache.get(text);
  if (parsed === undefined) {
    parsed = parsePath(text);
    if (text.length > LONGEST_CACHED) return parsed;
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, parsed);
  }
  return parsed;
}
