import type { Db } from './db.ts';
import type { GroupValue, MemberValue } from './documents.ts';

/**
 * Group membership lives in `members (group_pk, member_pk)`: adding or removing one member
 * is one index write whatever the group's size, and a user's `groups` is read from the
 * `member_pk` index. Member ids are resolved to row keys in the same tenant; ids that name
 * nothing there are left out (see README: "Members").
 */

/** Row keys of the tenant's Users and Groups with these ids. */
export function resolveMembers(db: Db, tenantPk: number, ids: readonly string[]): Map<string, number> {
  const resolved = new Map<string, number>();
  if (ids.length === 0) return resolved;
  // CROSS JOIN keeps json_each as the outer loop: one id-index seek per member, where the
  // planner would otherwise walk the tenant's (tenant, type) index range with a bloom filter.
  const rows = db.all<{ id: string; pk: number }>(
    `SELECT r.id AS id, r.pk AS pk FROM json_each(?) AS j CROSS JOIN resources AS r ON r.id = j.value
     WHERE r.tenant = ? AND r.type IN ('User', 'Group')`,
    JSON.stringify([...new Set(ids)]),
    tenantPk,
  );
  for (const row of rows) resolved.set(row.id, row.pk);
  return resolved;
}

/** Adds members; returns how many were not members before. */
export function addMembers(db: Db, groupPk: number, memberPks: readonly number[]): number {
  if (memberPks.length === 0) return 0;
  return db.run(
    'INSERT OR IGNORE INTO members (group_pk, member_pk) SELECT ?, value FROM json_each(?) WHERE value <> ?',
    groupPk,
    JSON.stringify(memberPks),
    groupPk,
  );
}

/** Removes members; returns how many were members. */
export function removeMembers(db: Db, groupPk: number, memberPks: readonly number[]): number {
  if (memberPks.length === 0) return 0;
  return db.run(
    'DELETE FROM members WHERE group_pk = ? AND member_pk IN (SELECT value FROM json_each(?))',
    groupPk,
    JSON.stringify(memberPks),
  );
}

export function removeAllMembers(db: Db, groupPk: number): number {
  return db.run('DELETE FROM members WHERE group_pk = ?', groupPk);
}

/** Makes the members exactly `memberPks` (PUT); returns how many rows changed. */
export function replaceMembers(db: Db, groupPk: number, memberPks: readonly number[]): number {
  const list = JSON.stringify(memberPks);
  const removed = db.run(
    'DELETE FROM members WHERE group_pk = ? AND member_pk NOT IN (SELECT value FROM json_each(?))',
    groupPk,
    list,
  );
  return removed + addMembers(db, groupPk, memberPks);
}

/** A group's members, in the order their resources were created. */
export function readMembers(db: Db, groupPk: number): MemberValue[] {
  return db
    .all<{ id: string; type: string; display: string | null }>(
      `SELECT r.id, r.type, r.display FROM members m JOIN resources r ON r.pk = m.member_pk
       WHERE m.group_pk = ? ORDER BY m.member_pk`,
      groupPk,
    )
    .map((row) =>
      row.display === null
        ? { value: row.id, type: row.type }
        : { value: row.id, display: row.display, type: row.type },
    );
}

/** The groups each of these resources is a direct member of. */
export function readGroups(db: Db, memberPks: readonly number[]): Map<number, GroupValue[]> {
  const groups = new Map<number, GroupValue[]>();
  if (memberPks.length === 0) return groups;
  type Row = { member_pk: number; id: string; display: string | null };
  // One resource (a read by id, a write's answer) is the common case: a plain seek.
  const rows =
    memberPks.length === 1
      ? db.all<Row>(
          `SELECT m.member_pk, g.id, g.display FROM members m JOIN resources g ON g.pk = m.group_pk
           WHERE m.member_pk = ? ORDER BY m.group_pk`,
          memberPks[0]!,
        )
      : db.all<Row>(
          `SELECT m.member_pk, g.id, g.display FROM members m JOIN resources g ON g.pk = m.group_pk
           WHERE m.member_pk IN (SELECT value FROM json_each(?)) ORDER BY m.member_pk, m.group_pk`,
          JSON.stringify(memberPks),
        );
  for (const row of rows) {
    const list = groups.get(row.member_pk) ?? [];
    list.push(
      row.display === null
        ? { value: row.id, type: 'direct' }
        : { value: row.id, display: row.display, type: 'direct' },
    );
    groups.set(row.member_pk, list);
  }
  return groups;
}

/** Groups that list this resource as a member (their version moves when it is deleted). */
export function groupsContaining(db: Db, memberPk: number): { pk: number; id: string }[] {
  return db.all<{ pk: number; id: string }>(
    'SELECT g.pk, g.id FROM members m JOIN resources g ON g.pk = m.group_pk WHERE m.member_pk = ?',
    memberPk,
  );
}
