import type { ScimResource } from '@scimkit/schema';

/** The first line of an export: what it is and where it came from. */
export interface HeaderRecord {
  type: 'scimkit-export';
  version: 1;
  tenant: { id: string; name: string };
  exportedAt: string;
}

/** A user as exported: its id in the source tenant, and the resource without server-owned parts. */
export interface UserRecord {
  type: 'user';
  id: string;
  resource: Record<string, unknown>;
}

/** A group as exported, without its members (they follow as membership records). */
export interface GroupRecord {
  type: 'group';
  id: string;
  resource: Record<string, unknown>;
}

/** One member of one group, both by their ids in the source tenant. */
export interface MembershipRecord {
  type: 'membership';
  group: string;
  member: string;
  memberType: 'User' | 'Group';
}

/** One line of an export. Lines of other types are skipped on import, for forward compatibility. */
export type ExportRecord = HeaderRecord | UserRecord | GroupRecord | MembershipRecord;

/** The export format's version; an import refuses newer ones. */
export const EXPORT_VERSION = 1;

/**
 * A resource as it travels: without `id` and `meta` (the target assigns its own), without the
 * read-only `groups` of a user and the `members` of a group (memberships travel separately).
 */
export function portableResource(resource: ScimResource, kind: 'User' | 'Group'): Record<string, unknown> {
  const { id: _id, meta: _meta, ...rest } = resource;
  if (kind === 'User') delete rest.groups;
  else delete rest.members;
  return rest;
}
