import { URN } from '@scimkit/schema';
import type { Directory } from '../backends/backend.ts';
import { addMembers, createUsersByLevel, type UserToCreate, withManagerLink } from '../directory-writes.ts';
import { CliError } from '../errors.ts';
import type { Progress } from '../output/progress.ts';
import { EXPORT_VERSION, type GroupRecord, type MembershipRecord, type UserRecord } from './records.ts';

/** What an import did. */
export interface ImportResult {
  usersCreated: number;
  usersExisting: number;
  groupsCreated: number;
  groupsExisting: number;
  memberships: number;
}

/** The records of an export, parsed and checked. */
export interface ParsedExport {
  users: UserRecord[];
  groups: GroupRecord[];
  memberships: MembershipRecord[];
}

/** Parses NDJSON lines; errors name the line. */
export function parseExport(lines: Iterable<string>): ParsedExport {
  const parsed: ParsedExport = { users: [], groups: [], memberships: [] };
  let number = 0;
  let sawHeader = false;
  for (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    let record: {
      type?: unknown;
      version?: unknown;
      id?: unknown;
      resource?: unknown;
      group?: unknown;
      member?: unknown;
    };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      throw new CliError(`Line ${number} is not JSON: ${truncate(line)}`, {
        hint: 'Import reads the NDJSON that scimkit export writes.',
      });
    }
    if (!sawHeader) {
      if (record.type !== 'scimkit-export') {
        throw new CliError(
          `Line ${number}: expected the scimkit-export header first, found ${truncate(line)}`,
          {
            hint: 'Import reads the NDJSON that scimkit export writes.',
          },
        );
      }
      if (typeof record.version !== 'number' || record.version > EXPORT_VERSION) {
        throw new CliError(
          `Line ${number}: export version ${JSON.stringify(record.version)} is newer than this CLI reads (${EXPORT_VERSION}).`,
          {
            hint: 'Update @scimkit/cli.',
          },
        );
      }
      sawHeader = true;
      continue;
    }
    const bad = (what: string): never => {
      throw new CliError(`Line ${number}: ${what}, found ${truncate(line)}`);
    };
    switch (record.type) {
      case 'user':
      case 'group':
        if (typeof record.id !== 'string') bad('expected a string "id"');
        if (record.resource === null || typeof record.resource !== 'object' || Array.isArray(record.resource))
          bad('expected a "resource" object');
        if (record.type === 'user') parsed.users.push(record as UserRecord);
        else parsed.groups.push(record as GroupRecord);
        break;
      case 'membership':
        if (typeof record.group !== 'string' || typeof record.member !== 'string')
          bad('expected string "group" and "member" ids');
        parsed.memberships.push(record as MembershipRecord);
        break;
      default:
        // Unknown record types come from newer exports: skipped, not fatal.
        break;
    }
  }
  if (!sawHeader) throw new CliError('The input is empty: expected the NDJSON that scimkit export writes.');
  return parsed;
}

/**
 * Imports an export into a tenant. Users are matched by userName and groups by displayName
 * (case-insensitively, as the store's uniqueness is): existing ones are kept as they are,
 * missing ones are created with new ids, and manager links and memberships are remapped
 * from the export's ids to the target's. Running it twice changes nothing the second time.
 */
export async function importTenant(
  directory: Directory,
  data: ParsedExport,
  progress: Progress,
): Promise<ImportResult> {
  const existingUsers = new Map<string, string>();
  for await (const page of directory.pages('User')) {
    for (const user of page) existingUsers.set(String(user.userName).toLowerCase(), user.id);
  }
  const existingGroups = new Map<string, string>();
  for await (const page of directory.pages('Group', { excludeMembers: true })) {
    for (const group of page) existingGroups.set(String(group.displayName).toLowerCase(), group.id);
  }

  // Users: the existing keep their id, the rest are created in manager order with links remapped.
  const userIds = new Map<string, string>();
  const indexOf = new Map(data.users.map((record, index) => [record.id, index]));
  const missing: number[] = [];
  data.users.forEach((record, index) => {
    const existing = existingUsers.get(String(record.resource.userName).toLowerCase());
    if (existing === undefined) missing.push(index);
    else userIds.set(record.id, existing);
  });
  const toCreate: UserToCreate[] = [];
  const position = new Map(missing.map((index, at) => [index, at]));
  const linkToExisting: { at: number; managerId: string }[] = [];
  for (const index of missing) {
    const record = data.users[index]!;
    const { resource, managerSourceId } = withoutManager(record.resource);
    const entry: UserToCreate = { resource };
    if (managerSourceId !== undefined) {
      const managerIndex = indexOf.get(managerSourceId);
      const managerAt = managerIndex === undefined ? undefined : position.get(managerIndex);
      if (managerAt !== undefined) entry.manager = managerAt;
      else {
        const existingManager = userIds.get(managerSourceId);
        if (existingManager !== undefined)
          linkToExisting.push({ at: toCreate.length, managerId: existingManager });
      }
    }
    toCreate.push(entry);
  }
  progress.stage('users', toCreate.length);
  // A manager that already exists in the target goes straight into the create.
  for (const { at, managerId } of linkToExisting)
    toCreate[at]!.resource = withManagerLink(toCreate[at]!.resource, managerId);
  const createdIds = await createUsersByLevel(directory, toCreate, (count) => progress.advance(count));
  missing.forEach((index, at) => {
    userIds.set(data.users[index]!.id, createdIds[at]!);
  });

  progress.stage('groups', data.groups.length);
  const groupIds = new Map<string, string>();
  const groupsToCreate: GroupRecord[] = [];
  for (const record of data.groups) {
    const existing = existingGroups.get(String(record.resource.displayName).toLowerCase());
    if (existing === undefined) groupsToCreate.push(record);
    else groupIds.set(record.id, existing);
  }
  progress.advance(data.groups.length - groupsToCreate.length);
  for (let start = 0; start < groupsToCreate.length; start += directory.batchSize) {
    const batch = groupsToCreate.slice(start, start + directory.batchSize);
    const ids = await directory.createMany(
      'Group',
      batch.map((record) => withoutMembers(record.resource)),
    );
    batch.forEach((record, at) => {
      groupIds.set(record.id, ids[at]!);
    });
    progress.advance(batch.length);
  }

  progress.stage('memberships', data.memberships.length);
  const byGroup = new Map<string, string[]>();
  let memberships = 0;
  for (const membership of data.memberships) {
    const groupId = groupIds.get(membership.group);
    const memberId =
      membership.memberType === 'Group' ? groupIds.get(membership.member) : userIds.get(membership.member);
    if (groupId === undefined || memberId === undefined) continue;
    const list = byGroup.get(groupId) ?? [];
    list.push(memberId);
    byGroup.set(groupId, list);
    memberships++;
  }
  for (const [groupId, memberIds] of byGroup) {
    await addMembers(directory, groupId, memberIds, (count) => progress.advance(count));
  }
  progress.stop();
  return {
    usersCreated: toCreate.length,
    usersExisting: data.users.length - toCreate.length,
    groupsCreated: groupsToCreate.length,
    groupsExisting: data.groups.length - groupsToCreate.length,
    memberships,
  };
}

function withoutManager(resource: Record<string, unknown>): {
  resource: Record<string, unknown>;
  managerSourceId?: string;
} {
  const enterprise = resource[URN.EnterpriseUser] as Record<string, unknown> | undefined;
  const manager = enterprise?.manager as { value?: unknown } | string | undefined;
  if (enterprise === undefined || manager === undefined) return { resource };
  const { manager: _manager, ...rest } = enterprise;
  const value = typeof manager === 'string' ? manager : manager?.value;
  const result: { resource: Record<string, unknown>; managerSourceId?: string } = {
    resource: { ...resource, [URN.EnterpriseUser]: rest },
  };
  if (typeof value === 'string') result.managerSourceId = value;
  return result;
}

function withoutMembers(resource: Record<string, unknown>): Record<string, unknown> {
  const { members: _members, ...rest } = resource;
  return rest;
}

function truncate(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}
