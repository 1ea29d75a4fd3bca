import { ScimError } from './errors.ts';

/**
 * An attribute path (RFC 7644 §3.10): `[schema URN ":"] attribute ["." subAttribute]`.
 * Names are kept as written; `SchemaRegistry.resolve` finds their canonical case.
 */
export interface AttributePath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

// ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7643 §2.1), plus "$ref".
const NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/** True when `name` is a legal RFC 7643 §2.1 attribute name (or `$ref`). */
export function isAttributeName(name: string): boolean {
  return NAME.test(name);
}

/**
 * Parses a plain attribute path such as `name.givenName`, `emails.value` or
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`.
 * A URN is split at its last `:` because URNs themselves contain dots. A bare schema URN
 * (`urn:…:enterprise:2.0:User`) parses as attribute `User` of schema `urn:…:2.0`; the
 * registry recognises it as the whole extension.
 */
export function parseAttributePath(text: string): AttributePath {
  const trimmed = text.trim();
  let schema: string | undefined;
  let rest = trimmed;
  if (/^urn:/i.test(trimmed)) {
    const colon = trimmed.lastIndexOf(':');
    schema = trimmed.slice(0, colon);
    rest = trimmed.slice(colon + 1);
  }
  const dot = rest.indexOf('.');
  const attribute = dot === -1 ? rest : rest.slice(0, dot);
  const subAttribute = dot === -1 ? undefined : rest.slice(dot + 1);
  if (!isAttributeName(attribute) || (subAttribute !== undefined && !isAttributeName(subAttribute))) {
    throw ScimError.invalidPath(
      `The attribute path ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)} is not valid: expected [schemaURN:]attribute[.subAttribute], for example "name.givenName".`,
    );
  }
  const path: AttributePath = { attribute };
  if (schema !== undefined) path.schema = schema;
  if (subAttribute !== undefined) path.subAttribute = subAttribute;
  return path;
}

/** Prints an attribute path back to its RFC 7644 form. */
export function formatAttributePath(path: AttributePath): string {
  const base = path.subAttribute === undefined ? path.attribute : `${path.attribute}.${path.subAttribute}`;
  return path.schema === undefined ? base : `${path.schema}:${base}`;
}
