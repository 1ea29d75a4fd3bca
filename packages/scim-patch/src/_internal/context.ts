import {
  type AttributeDefinition,
  normalizeAttributeValue,
  type SchemaDefinition,
  type SchemaRegistry,
} from '@scimkit/schema';
import type { ApplyPatchOptions, IgnoredAttribute, IgnoredReason } from '../types.ts';
import { Draft } from './draft.ts';
import type { Membership } from './membership.ts';
import type { Target } from './target.ts';

/** One operation as the engine applies it (after reading and dialect normalisation). */
export interface Step {
  /** Index in `Operations`, for error details and `ignored`. */
  index: number;
  op: 'add' | 'replace' | 'remove';
  /** The path as written (trimmed); `undefined` targets the resource itself. */
  path: string | undefined;
  value: unknown;
  /** Whether the operation has a `value` member at all (`null` counts). */
  hasValue: boolean;
  /** Set for the keys of a path-less value: a key that is no valid path is ignored, not fatal. */
  fromValueKey: boolean;
}

/** Everything one `applyPatch` call shares between its operations. */
export class PatchContext {
  readonly registry: SchemaRegistry;
  readonly resourceType: string;
  /** URN of the resource type's core schema. */
  readonly coreSchema: string;
  readonly core: SchemaDefinition;
  readonly options: ApplyPatchOptions;
  readonly draft: Draft;
  readonly ignored: IgnoredAttribute[] = [];
  membership: Membership | undefined;
  readonly #ignoredKeys = new Set<string>();
  readonly #normalizeOptions: { path: string; maxStringLength?: number };

  constructor(
    registry: SchemaRegistry,
    resourceType: string,
    resource: Record<string, unknown>,
    options: ApplyPatchOptions,
  ) {
    this.registry = registry;
    this.resourceType = resourceType;
    this.core = registry.coreSchema(resourceType);
    this.coreSchema = this.core.id;
    this.options = options;
    this.draft = new Draft(resource, this.coreSchema);
    this.#normalizeOptions =
      options.maxStringLength === undefined
        ? { path: '' }
        : { path: '', maxStringLength: options.maxStringLength };
  }

  /** Records an attribute that is skipped instead of failing the request (once per path). */
  ignore(index: number, path: string, reason: IgnoredReason): void {
    const key = `${index}\u0000${path}`;
    if (this.#ignoredKeys.has(key)) return;
    this.#ignoredKeys.add(key);
    this.ignored.push({ operation: index, path, reason });
  }

  /**
   * Checks and coerces one value with the schema's rules (those of `validateResource`):
   * "True"/"False" for booleans, a bare id for `{ value }`, canonical sub-attribute names.
   * `undefined` means the value is empty (`[]`, `{}`).
   */
  normalize(definition: AttributeDefinition, value: unknown, path: string): unknown {
    // One options object per PATCH: the normaliser reads `path` before it returns.
    this.#normalizeOptions.path = path;
    return normalizeAttributeValue(definition, value, this.#normalizeOptions);
  }

  /** The current value of the attribute a target names. */
  read(target: Target): unknown {
    return target.detached ? this.membership?.list : this.draft.read(target);
  }

  /** Replaces the value of the attribute a target names (`undefined` removes it). */
  write(target: Target, value: unknown): void {
    if (target.detached) this.membership!.list = Array.isArray(value) ? value : [];
    else this.draft.write(target, value);
  }
}
