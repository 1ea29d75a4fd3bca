import type { PatchOperation, ScimResource } from '@scimkit/schema';
import { URN } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import type { Directory, ResourceKind } from './backends/backend.ts';
import { addMembers, createUsersByLevel } from './directory-writes.ts';

/** A directory that records calls; a manager must exist when a report naming it is created. */
class RecordingDirectory implements Directory {
  readonly batchSize = 2;
  readonly membersPerPatch = 3;
  readonly created: Record<string, unknown>[][] = [];
  readonly patches: { id: string; operations: readonly PatchOperation[] }[] = [];
  readonly #ids = new Set<string>();

  async createMany(_kind: ResourceKind, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
    for (const input of inputs) {
      const manager = (input[URN.EnterpriseUser] as { manager?: { value: string } } | undefined)?.manager;
      if (manager !== undefined && !this.#ids.has(manager.value))
        throw new Error(`manager ${manager.value} does not exist yet`);
    }
    this.created.push([...inputs]);
    return inputs.map((input) => {
      const id = `id-${String(input.userName)}`;
      this.#ids.add(id);
      return id;
    });
  }
  async patch(_kind: ResourceKind, id: string, operations: readonly PatchOperation[]): Promise<void> {
    this.patches.push({ id, operations });
  }
  async *pages(): AsyncIterable<ScimResource[]> {}
  async find(): Promise<ScimResource[]> {
    return [];
  }
  async get(): Promise<ScimResource | undefined> {
    return undefined;
  }
  async close(): Promise<void> {}
}

const user = (userName: string) => ({ schemas: [URN.User], userName });

describe('createUsersByLevel', () => {
  it('creates managers before their reports, with the link inside the create, in batches', async () => {
    const directory = new RecordingDirectory();
    const ids = await createUsersByLevel(directory, [
      { resource: user('report-b'), manager: 2 },
      { resource: user('report-a'), manager: 2 },
      { resource: user('boss') },
      { resource: user('intern'), manager: 0 },
    ]);
    expect(ids).toEqual(['id-report-b', 'id-report-a', 'id-boss', 'id-intern']);
    expect(directory.created.map((batch) => batch.map((input) => input.userName))).toEqual([
      ['boss'],
      ['report-b', 'report-a'],
      ['intern'],
    ]);
    expect(directory.created[1]![0]).toMatchObject({
      schemas: [URN.User, URN.EnterpriseUser],
      [URN.EnterpriseUser]: { manager: { value: 'id-boss' } },
    });
    expect(directory.patches).toEqual([]);
  });

  it('breaks a manager cycle by creating it unlinked and linking afterwards', async () => {
    const directory = new RecordingDirectory();
    await createUsersByLevel(directory, [
      { resource: user('a'), manager: 1 },
      { resource: user('b'), manager: 0 },
      { resource: user('self'), manager: 2 },
    ]);
    expect(
      directory.patches.map((patch) => [patch.id, (patch.operations[0]!.value as { value: string }).value]),
    ).toEqual([
      ['id-a', 'id-b'],
      ['id-b', 'id-a'],
      ['id-self', 'id-self'],
    ]);
  });
});

describe('addMembers', () => {
  it('adds members in PATCHes no larger than the directory allows', async () => {
    const directory = new RecordingDirectory();
    const added: number[] = [];
    await addMembers(directory, 'g1', ['u1', 'u2', 'u3', 'u4'], (count) => added.push(count));
    expect(directory.patches).toEqual([
      {
        id: 'g1',
        operations: [
          { op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }, { value: 'u3' }] },
        ],
      },
      { id: 'g1', operations: [{ op: 'add', path: 'members', value: [{ value: 'u4' }] }] },
    ]);
    expect(added).toEqual([3, 1]);
  });
});
