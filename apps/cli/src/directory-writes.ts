import { URN } from '@scimkit/schema';
import { chunks } from './_internal/pool.ts';
import type { Directory } from './backends/backend.ts';

/** A user to create, with its manager as an index into the same list. */
export interface UserToCreate {
  resource: Record<string, unknown>;
  manager?: number;
}

/**
 * Creates users so that each manager exists before their reports, and puts the manager link
 * into the create itself: one batched write per level instead of one PATCH per user. Users
 * whose manager is not in the list are created without one; a manager cycle is created first
 * and linked after. Returns the new ids, in input order.
 */
export async function createUsersByLevel(
  directory: Directory,
  users: readonly UserToCreate[],
  onCreated: (count: number) => void = () => {},
): Promise<string[]> {
  const ids = new Array<string | undefined>(users.length);
  const linkLater: number[] = [];
  let pending = users.map((_, index) => index);
  while (pending.length > 0) {
    const ready: number[] = [];
    const waiting: number[] = [];
    for (const index of pending) {
      const manager = users[index]!.manager;
      if (manager === undefined || users[manager] === undefined || ids[manager] !== undefined)
        ready.push(index);
      else waiting.push(index);
    }
    // Nobody ready means a manager cycle: create the rest unlinked and link them afterwards.
    const cycle = ready.length === 0;
    const wave = cycle ? waiting.splice(0) : ready;
    if (cycle) linkLater.push(...wave);
    for (const batch of chunks(wave, directory.batchSize)) {
      const inputs = batch.map((index) => (cycle ? users[index]!.resource : withManager(users[index]!, ids)));
      const created = await directory.createMany('User', inputs);
      batch.forEach((index, position) => {
        ids[index] = created[position];
      });
      onCreated(batch.length);
    }
    pending = waiting;
  }
  for (const index of linkLater) {
    const managerId = ids[users[index]!.manager!];
    if (managerId === undefined) continue;
    await directory.patch('User', ids[index]!, [
      { op: 'replace', path: `${URN.EnterpriseUser}:manager`, value: { value: managerId } },
    ]);
  }
  return ids as string[];
}

function withManager(user: UserToCreate, ids: readonly (string | undefined)[]): Record<string, unknown> {
  const managerId = user.manager === undefined ? undefined : ids[user.manager];
  return managerId === undefined ? user.resource : withManagerLink(user.resource, managerId);
}

/** A user resource with its enterprise `manager` set to `managerId` (and the schema listed). */
export function withManagerLink(
  resource: Record<string, unknown>,
  managerId: string,
): Record<string, unknown> {
  const enterprise = (resource[URN.EnterpriseUser] as Record<string, unknown> | undefined) ?? {};
  const schemas = (resource.schemas as string[] | undefined) ?? [URN.User];
  return {
    ...resource,
    schemas: schemas.includes(URN.EnterpriseUser) ? schemas : [...schemas, URN.EnterpriseUser],
    [URN.EnterpriseUser]: { ...enterprise, manager: { value: managerId } },
  };
}

/**
 * Adds members to a group in PATCHes of `directory.membersPerPatch` (`op: add, path: members`),
 * so a group of any size fits a server's body limit. Adding an existing member is a no-op.
 */
export async function addMembers(
  directory: Directory,
  groupId: string,
  memberIds: readonly string[],
  onAdded: (count: number) => void = () => {},
): Promise<void> {
  for (const batch of chunks(memberIds, directory.membersPerPatch)) {
    await directory.patch('Group', groupId, [
      { op: 'add', path: 'members', value: batch.map((value) => ({ value })) },
    ]);
    onAdded(batch.length);
  }
}
