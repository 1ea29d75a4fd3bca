import type { Directory, TenantRecord } from '../backends/backend.ts';
import { EXPORT_VERSION, type ExportRecord, portableResource } from './records.ts';

/** What an export wrote. */
export interface ExportCounts {
  users: number;
  groups: number;
  memberships: number;
}

/**
 * Streams a tenant as NDJSON records: a header, every user, every group, then every
 * membership. Users and groups are read and written a page at a time; only the member
 * lists are held until the groups are done.
 */
export async function exportTenant(
  tenant: TenantRecord,
  directory: Directory,
  write: (record: ExportRecord) => Promise<void> | void,
): Promise<ExportCounts> {
  const counts: ExportCounts = { users: 0, groups: 0, memberships: 0 };
  await write({
    type: 'scimkit-export',
    version: EXPORT_VERSION,
    tenant: { id: tenant.id, name: tenant.name },
    exportedAt: new Date().toISOString(),
  });
  for await (const page of directory.pages('User')) {
    for (const user of page) {
      await write({ type: 'user', id: user.id, resource: portableResource(user, 'User') });
      counts.users++;
    }
  }
  const memberships: { group: string; members: unknown }[] = [];
  for await (const page of directory.pages('Group')) {
    for (const group of page) {
      await write({ type: 'group', id: group.id, resource: portableResource(group, 'Group') });
      memberships.push({ group: group.id, members: group.members });
      counts.groups++;
    }
  }
  // Memberships last: every group and user they name precedes them, so an import can stream.
  for (const { group, members } of memberships) {
    if (!Array.isArray(members)) continue;
    for (const member of members as { value?: unknown; type?: unknown }[]) {
      if (typeof member?.value !== 'string') continue;
      await write({
        type: 'membership',
        group,
        member: member.value,
        memberType: member.type === 'Group' ? 'Group' : 'User',
      });
      counts.memberships++;
    }
  }
  return counts;
}
