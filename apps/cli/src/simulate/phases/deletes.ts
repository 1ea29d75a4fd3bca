import { mapPool } from '../../_internal/pool.ts';
import { enterprise, expectError, expectList, expectResource, expectStatus, field } from '../checks.ts';
import { opName, type SimUser } from '../fixtures.ts';
import { groupPath, query, type Session, userPath } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Deletes: a manager who is also a member first, then every group and user. */
export async function deletes(session: Session): Promise<void> {
  const live = session.live();
  const group = session.options.groups.find((candidate) => candidate.id !== undefined && !candidate.deleted);
  // A manager with a report and a group membership: its deletion must clean both up.
  const target =
    live.find((user) => user.index !== 0 && live.some((report) => report.manager === user.id)) ?? live.at(-1);
  if (target !== undefined) {
    if (group !== undefined) {
      await session.patchGroup(
        SHAPES.addMember,
        group,
        [{ op: opName(group.dialect, 'add'), path: 'members', value: [{ value: target.id }] }],
        `group ${group.index}`,
      );
      group.members.add(target.id!);
    }
    await deleteUser(session, target);
    if (group !== undefined) {
      group.members.delete(target.id!);
      await session.verifyMembers(SHAPES.deleteUser, group, [target]);
    }
    const report = live.find((user) => user.manager === target.id && !user.deleted);
    if (report !== undefined) {
      await session.step(
        SHAPES.readReportOfDeletedManager,
        { method: 'GET', path: userPath(report) },
        (reply) => {
          const problems = expectResource(reply, 200);
          const manager = field(enterprise(reply.body), 'manager');
          if (
            problems.length === 0 &&
            manager !== undefined &&
            manager !== null &&
            typeof manager !== 'object'
          ) {
            problems.push(`expected manager as an object or absent, got ${JSON.stringify(manager)}`);
          }
          return problems;
        },
        `user ${report.index}`,
      );
    }
  }
  await mapPool(
    session.options.groups.filter((candidate) => candidate.id !== undefined && !candidate.deleted),
    session.options.concurrency,
    async (candidate) => {
      const subject = `group ${candidate.index}`;
      await session.patchGroup(
        SHAPES.removeAllMembers,
        candidate,
        [{ op: 'remove', path: 'members' }],
        subject,
      );
      candidate.members.clear();
      await session.step(
        SHAPES.readGroup,
        { method: 'GET', path: groupPath(candidate) },
        (reply) => {
          const problems = expectResource(reply, 200);
          const members = field(reply.body, 'members');
          if (problems.length === 0 && Array.isArray(members) && members.length > 0) {
            session.recorder.fail(
              SHAPES.removeAllMembers,
              `${subject}: ${members.length} members left after removing all`,
            );
          }
          return problems;
        },
        subject,
      );
      await session.step(
        SHAPES.deleteGroup,
        { method: 'DELETE', path: groupPath(candidate) },
        (reply) => expectStatus(reply, 204),
        subject,
      );
      candidate.deleted = true;
      await session.step(
        SHAPES.readDeletedGroup,
        { method: 'GET', path: groupPath(candidate) },
        (reply) => expectError(reply, 404),
        subject,
      );
    },
  );
  await mapPool(session.live(), session.options.concurrency, (user) => deleteUser(session, user));
}

async function deleteUser(session: Session, user: SimUser): Promise<void> {
  const subject = `user ${user.index}`;
  await session.step(
    SHAPES.deleteUser,
    { method: 'DELETE', path: userPath(user) },
    (reply) => expectStatus(reply, 204),
    subject,
  );
  user.deleted = true;
  await session.step(
    SHAPES.readDeletedUser,
    { method: 'GET', path: userPath(user) },
    (reply) => expectError(reply, 404),
    subject,
  );
  if (user.index % 4 === 0) {
    await session.step(
      SHAPES.lookupDeletedUser,
      { method: 'GET', path: `/Users?${query({ filter: `userName eq "${user.userName}"` })}` },
      (reply) => expectList(reply, 0),
      subject,
    );
  }
}
