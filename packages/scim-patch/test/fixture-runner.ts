import { readFileSync } from 'node:fs';
import type { PatchOperation } from '@scimkit/schema';
import {
  createRegistry,
  defineExtension,
  type ExtensionAttributeSpec,
  type SchemaRegistry,
} from '@scimkit/schema';
import { expect, it } from 'vitest';
import {
  type ApplyPatchOptions,
  applyPatch,
  type IgnoredAttribute,
  type MembershipDelta,
} from '../src/index.ts';

/** One JSON fixture: a resource, the operations applied to it, and the full expected outcome. */
export interface PatchFixture {
  name: string;
  /** Where the shape comes from (RFC section, ENTRA.md paragraph). */
  source: string;
  resourceType: string;
  resource: Record<string, unknown>;
  operations: PatchOperation[];
  expected: Record<string, unknown>;
  changed: string[];
  ignored?: IgnoredAttribute[];
  members?: MembershipDelta;
  options?: Pick<ApplyPatchOptions, 'registerUnknownExtensions'>;
  /** Extension schemas to register first: URN → attribute specs. */
  extensions?: Record<string, Record<string, ExtensionAttributeSpec>>;
}

export function loadFixtures(file: string): PatchFixture[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as PatchFixture[];
}

function registryFor(fixture: PatchFixture): SchemaRegistry {
  const registry = createRegistry();
  for (const [urn, attributes] of Object.entries(fixture.extensions ?? {})) {
    registry.registerExtension(fixture.resourceType, defineExtension(urn, attributes));
  }
  return registry;
}

/** Freezes deeply, so a mutation of the input throws instead of passing unnoticed. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function withoutMembers(resource: Record<string, unknown>): Record<string, unknown> {
  const { members: _members, ...rest } = resource;
  return rest;
}

/** One test per fixture (and, for groups, one more with the member list not loaded). */
export function runFixtures(fixtures: PatchFixture[]): void {
  for (const fixture of fixtures) {
    it(`${fixture.name} (${fixture.source})`, () => {
      const input = deepFreeze(structuredClone(fixture.resource));
      const operations = deepFreeze(structuredClone(fixture.operations));
      const result = applyPatch(input, operations, registryFor(fixture), {
        resourceType: fixture.resourceType,
        ...fixture.options,
      });
      expect(result.resource).toEqual(fixture.expected);
      expect(result.changed).toEqual(fixture.changed);
      expect(result.ignored).toEqual(fixture.ignored ?? []);
      expect(result.members).toEqual(fixture.members);
      expect(input).toEqual(fixture.resource);
    });
    if (fixture.members === undefined) continue;
    it(`${fixture.name}, members not loaded (${fixture.source})`, () => {
      const input = deepFreeze(withoutMembers(structuredClone(fixture.resource)));
      const result = applyPatch(
        input,
        deepFreeze(structuredClone(fixture.operations)),
        registryFor(fixture),
        {
          resourceType: fixture.resourceType,
          membersLoaded: false,
        },
      );
      expect(result.resource).toEqual(withoutMembers(fixture.expected));
      expect(result.members).toEqual(fixture.members);
      expect(result.changed).toEqual(fixture.changed.filter((path) => path !== 'members'));
      expect(result.ignored).toEqual(fixture.ignored ?? []);
    });
  }
}
