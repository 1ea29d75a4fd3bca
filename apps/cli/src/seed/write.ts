import type { Directory } from '../backends/backend.ts';
import { addMembers, createUsersByLevel } from '../directory-writes.ts';
import type { Progress } from '../output/progress.ts';
import type { Organization } from './organization.ts';

/** What a seed wrote. */
export interface SeedResult {
  users: number;
  inactiveUsers: number;
  managerLinks: number;
  groups: number;
  memberships: number;
  /** Wall time of the writes (generation excluded), in milliseconds. */
  writeMs: number;
}

/**
 * Writes a generated organisation: users level by level with their manager link inside the
 * create (batched), then the groups (batched), then memberships in large PATCHes.
 */
export async function writeOrganization(
  directory: Directory,
  organization: Organization,
  progress: Progress,
): Promise<SeedResult> {
  const started = performance.now();
  progress.stage('users', organization.users.length);
  const userIds = await createUsersByLevel(directory, organization.users, (count) => progress.advance(count));

  progress.stage('groups', organization.groups.length);
  const groupIds: string[] = [];
  for (let start = 0; start < organization.groups.length; start += directory.batchSize) {
    const batch = organization.groups.slice(start, start + directory.batchSize);
    groupIds.push(
      ...(await directory.createMany(
        'Group',
        batch.map((group) => group.resource),
      )),
    );
    progress.advance(batch.length);
  }

  const memberships = organization.groups.reduce((sum, group) => sum + group.members.length, 0);
  progress.stage('memberships', memberships);
  for (const [index, group] of organization.groups.entries()) {
    const memberIds = group.members.map((member) => userIds[member]!);
    await addMembers(directory, groupIds[index]!, memberIds, (count) => progress.advance(count));
  }
  progress.stop();

  return {
    users: userIds.length,
    inactiveUsers: organization.users.filter((user) => user.resource.active === false).length,
    managerLinks: organization.users.filter((user) => user.manager !== undefined).length,
    groups: groupIds.length,
    memberships,
    writeMs: performance.now() - started,
  };
}
