import * as v from 'valibot';
import type { AttributeType } from '../definitions/types.ts';

// xsd:dateTime (RFC 7643 §2.3.5), with optional fraction and offset.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
// Base64 or base64url, whitespace allowed between groups (RFC 7643 §2.3.6).
const BASE64 = /^[A-Za-z0-9+/_\-\s]*={0,2}\s*$/;

/** Entra sends booleans as the strings "True"/"False"; any case is accepted. */
const booleanSchema = v.union([
  v.boolean(),
  v.pipe(
    v.string(),
    v.trim(),
    v.toLowerCase(),
    v.picklist(['true', 'false']),
    v.transform((text) => text === 'true'),
  ),
]);

/**
 * One valibot schema per RFC 7643 §2.3 simple type. They check and coerce single values;
 * strings pass through untouched, since SCIM stores values as sent.
 */
const LEAF_SCHEMAS: Record<Exclude<AttributeType, 'complex'>, v.GenericSchema<unknown, unknown>> = {
  string: v.string(),
  reference: v.string(),
  boolean: booleanSchema,
  integer: v.pipe(v.number(), v.integer()),
  decimal: v.pipe(v.number(), v.finite()),
  dateTime: v.pipe(
    v.string(),
    v.regex(DATE_TIME),
    v.check((text) => !Number.isNaN(Date.parse(text))),
  ),
  binary: v.pipe(v.string(), v.regex(BASE64)),
};

const EXPECTED: Record<Exclude<AttributeType, 'complex'>, string> = {
  string: 'a string',
  reference: 'a string reference (URI)',
  boolean: 'a boolean (true/false, or the string "True"/"False")',
  integer: 'an integer number',
  decimal: 'a finite number',
  dateTime: 'an xsd:dateTime string such as "2026-01-31T12:00:00Z"',
  binary: 'a base64-encoded string',
};

/** The outcome of checking one simple value: the coerced value, or what was expected. */
export type LeafResult = { ok: true; value: unknown } | { ok: false; expected: string };

/** Checks and coerces one simple value of `type`. */
export function checkLeaf(type: Exclude<AttributeType, 'complex'>, value: unknown): LeafResult {
  // Most values are already of the right JSON type: skip the schema run on the hot path.
  if ((type === 'string' || type === 'reference') && typeof value === 'string') return { ok: true, value };
  if (type === 'boolean' && typeof value === 'boolean') return { ok: true, value };
  const result = v.safeParse(LEAF_SCHEMAS[type], value);
  return result.success ? { ok: true, value: result.output } : { ok: false, expected: EXPECTED[type] };
}
