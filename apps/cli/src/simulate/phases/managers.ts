import { expectList } from '../checks.ts';
import type { Reply } from '../client.ts';
import { opName, type SimUser } from '../fixtures.ts';
import { MANAGER_PATH, query, type Session } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Links each user but the first to a manager in one of the three accepted forms, then changes or removes some. */
export async function linkManager(session: Session, user: SimUser): Promise<void> {
  if (user.index === 0) return;
  const manager = session.options.users[Math.floor((user.index - 1) / 3)];
  if (manager?.id === undefined || manager.deleted) return;
  const subject = `user ${user.index}`;
  const form = user.index % 3;
  const op = opName(user.dialect, 'add');
  const operation =
    form === 0
      ? { op, path: MANAGER_PATH, value: manager.id }
      : form === 1
        ? { op, path: MANAGER_PATH, value: { value: manager.id } }
        : { op, path: 'manager', value: [{ $ref: null, value: manager.id }] };
  user.manager = manager.id;
  await session.patchUser(SHAPES.setManager(form), user, [operation], subject);

  const precheck = (managerId: string, expected: number): Promise<Reply> =>
    session.step(
      SHAPES.managerPrecheck,
      {
        method: 'GET',
        path: `/Users?${query({ filter: `id eq "${user.id}" and manager eq "${managerId}"`, attributes: 'id' })}`,
      },
      (reply) => expectList(reply, expected),
      subject,
    );
  await precheck(manager.id, 1);
  const someoneElse = session.options.users.find(
    (candidate) => candidate.id !== undefined && candidate.id !== manager.id && candidate.id !== user.id,
  );
  if (someoneElse?.id !== undefined) await precheck(someoneElse.id, 0);

  const top = session.options.users[0];
  if (user.index % 4 === 1 && top?.id !== undefined && top.id !== manager.id && !top.deleted) {
    user.manager = top.id;
    await session.patchUser(
      SHAPES.changeManager,
      user,
      [{ op: opName(user.dialect, 'replace'), path: MANAGER_PATH, value: top.id }],
      subject,
    );
  } else if (user.index % 4 >= 2) {
    user.manager = undefined;
    const removal =
      user.dialect === 'default'
        ? { op: 'Remove', path: MANAGER_PATH }
        : { op: 'replace', path: MANAGER_PATH, value: '' };
    await session.patchUser(SHAPES.removeManager(user.dialect), user, [removal], subject);
  }
}
