import {
  type AttributeType,
  defineExtension,
  isAttributeName,
  isExtensionUrnFor,
  URN,
} from '@scimkit/schema';
import type { PatchContext } from './context.ts';

const STANDARD = new Set([URN.User, URN.Group, URN.EnterpriseUser].map((urn) => urn.toLowerCase()));
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * With `registerUnknownExtensions`, registers `attribute` of the extension `urn` (creating the
 * extension, or adding to it) with a type inferred from `value`, so Entra's custom extension
 * attributes (`urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:<attr>`) are kept even
 * though nobody declared them. Standard schemas are never extended. True when registered.
 */
export function registerInferredAttribute(
  ctx: PatchContext,
  urn: string,
  attribute: string,
  value: unknown,
): boolean {
  if (ctx.options.registerUnknownExtensions !== true) return false;
  if (STANDARD.has(urn.toLowerCase()) || !isExtensionUrnFor(urn, ctx.resourceType)) return false;
  if (!isAttributeName(attribute) || RESERVED.has(attribute.toLowerCase())) return false;
  const type = inferType(value);
  if (type === undefined) return false;
  const bound = ctx.registry.extension(ctx.resourceType, urn);
  const declared = defineExtension(bound?.schema.id ?? urn, { [attribute]: type });
  const schema =
    bound === undefined
      ? declared
      : { ...bound.schema, attributes: [...bound.schema.attributes, ...declared.attributes] };
  ctx.registry.registerExtension(ctx.resourceType, schema, { required: bound?.required ?? false });
  ctx.options.onRegisteredExtension?.(schema);
  return true;
}

function inferType(value: unknown): Exclude<AttributeType, 'complex'> | undefined {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof single === 'string') return single === '' ? undefined : 'string';
  if (typeof single === 'boolean') return 'boolean';
  if (typeof single === 'number' && Number.isFinite(single)) return 'decimal';
  return undefined;
}
