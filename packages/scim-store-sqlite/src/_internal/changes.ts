import { deepEqual, isPlainObject } from '@scimkit/schema';

/** Attribute paths whose value differs: top-level names, and `urn:…:attr` inside extensions. */
export function changedPaths(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const changed: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'schemas') continue;
    const a = before[key];
    const b = after[key];
    if (/^urn:/i.test(key) && (isPlainObject(a) || isPlainObject(b))) {
      const left = isPlainObject(a) ? a : {};
      const right = isPlainObject(b) ? b : {};
      for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
        if (!deepEqual(left[name], right[name])) changed.push(`${key}:${name}`);
      }
    } else if (!deepEqual(a, b)) {
      changed.push(key);
    }
  }
  return changed;
}

/** The paths a create sets: what `changedPaths({}, doc)` returns, without comparing. */
export function createdPaths(doc: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'schemas' || value === undefined) continue;
    if (/^urn:/i.test(key) && isPlainObject(value)) {
      for (const [name, item] of Object.entries(value)) if (item !== undefined) paths.push(`${key}:${name}`);
    } else {
      paths.push(key);
    }
  }
  return paths;
}
