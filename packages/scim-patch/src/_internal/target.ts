import type { Filter } from '@scimkit/filter';
import {
  type AttributeDefinition,
  type AttributePath,
  findSubAttribute,
  type SchemaDefinition,
} from '@scimkit/schema';
import type { IgnoredReason } from '../types.ts';
import type { PatchContext, Step } from './context.ts';
import type { Slot } from './draft.ts';
import { operationError, quote } from './errors.ts';
import { registerInferredAttribute } from './extensions.ts';
import { parsePatchPath } from './paths.ts';

/** What a PATCH path names, resolved against the schema with canonical names. */
export interface Target extends Slot {
  /** The attribute path with canonical names, without sub-attribute. */
  path: AttributePath;
  /** The value filter selecting elements of a multi-valued attribute. */
  filter: Filter | undefined;
  /** The sub-attribute the path ends at (`name.givenName`, `emails[…].value`). */
  sub: AttributeDefinition | undefined;
  /** The path as the client wrote it. */
  text: string;
  /** The value lives in the membership's loaded member list, not in the resource. */
  detached: boolean;
}

export type Resolution =
  | { kind: 'attribute'; target: Target }
  | { kind: 'extension'; urn: string; required: boolean }
  | { kind: 'resource' }
  | { kind: 'ignored'; reason: IgnoredReason };

/**
 * Resolves a PATCH path (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`) against the
 * registry: names in any case, optional schema URN prefix. A bare extension URN names the whole
 * extension, the core schema URN the whole resource. A name the schema does not know is
 * `ignored`: Entra must never see a PATCH fail for an attribute we don't store.
 */
export function resolveTarget(ctx: PatchContext, step: Step, text: string): Resolution {
  const cache = coreTargets(ctx);
  const cached = cache.get(text);
  if (cached !== undefined) return { kind: 'attribute', target: cached };
  const parsed = parsePatchPath(text);
  const written = parsed.path;
  const subName = written.subAttribute ?? parsed.subAttribute;
  const top: AttributePath =
    written.schema === undefined
      ? { attribute: written.attribute }
      : { schema: written.schema, attribute: written.attribute };
  let resolved = ctx.registry.resolve(ctx.resourceType, top);
  if (resolved === undefined) {
    // A bare schema URN parses as its last segment of attribute (`…:2.0` + `User`).
    if (written.schema !== undefined && subName === undefined && parsed.filter === undefined) {
      const extension = ctx.registry.extension(ctx.resourceType, text);
      if (extension !== undefined) {
        return { kind: 'extension', urn: extension.schema.id, required: extension.required };
      }
      if (text.toLowerCase() === ctx.coreSchema.toLowerCase()) return { kind: 'resource' };
    }
    const schema = written.schema;
    const knownSchema =
      schema === undefined ||
      schema.toLowerCase() === ctx.coreSchema.toLowerCase() ||
      ctx.registry.extension(ctx.resourceType, schema) !== undefined;
    if (
      schema !== undefined &&
      parsed.filter === undefined &&
      subName === undefined &&
      step.op !== 'remove' &&
      registerInferredAttribute(ctx, schema, written.attribute, step.value)
    ) {
      resolved = ctx.registry.resolve(ctx.resourceType, top);
    }
    if (resolved === undefined) {
      return { kind: 'ignored', reason: knownSchema ? 'unknown attribute' : 'unknown schema' };
    }
  }
  const attribute = resolved.attribute;
  if (resolved.schema === undefined && attribute.name === 'schemas') {
    return { kind: 'ignored', reason: 'managed by the server' };
  }
  let sub: AttributeDefinition | undefined;
  if (subName !== undefined) {
    sub = findSubAttribute(attribute, subName);
    if (sub === undefined) return { kind: 'ignored', reason: 'unknown attribute' };
  }
  if (parsed.filter !== undefined && (!attribute.multiValued || attribute.type !== 'complex')) {
    throw operationError(step.index, 'invalidPath', {
      failed: `The path ${quote(text)} is not valid`,
      expected: 'a value filter only after a multi-valued complex attribute',
      found: `the ${attribute.multiValued ? 'multi-valued' : 'single-valued'} ${attribute.type} attribute ${attribute.name}`,
    });
  }
  const urn = resolved.extension ? resolved.schema : undefined;
  const target: Target = {
    urn,
    attribute,
    name: urn === undefined ? attribute.name : `${urn}:${attribute.name}`,
    path: urn === undefined ? { attribute: attribute.name } : { schema: urn, attribute: attribute.name },
    filter: parsed.filter,
    sub,
    text,
    detached: false,
  };
  if (urn === undefined && text.length <= 256) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, target);
  }
  return { kind: 'attribute', target };
}

const CACHE_LIMIT = 1024;
const targetsByCoreSchema = new WeakMap<SchemaDefinition, Map<string, Target>>();

/**
 * Resolved core and common attribute paths, by core schema: they depend on nothing else, and a
 * schema the registry replaces is a new key. Extension paths are resolved every time, since
 * extensions can be bound and replaced at run time.
 */
function coreTargets(ctx: PatchContext): Map<string, Target> {
  let targets = targetsByCoreSchema.get(ctx.core);
  if (targets === undefined) {
    targets = new Map();
    targetsByCoreSchema.set(ctx.core, targets);
  }
  return targets;
}

/** The display path of a target's sub-attribute, e.g. `name.givenName`. */
export function subPath(target: Target, sub: AttributeDefinition): string {
  return `${target.name}.${sub.name}`;
}
