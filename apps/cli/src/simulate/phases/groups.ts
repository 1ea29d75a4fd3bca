import { expectError, expectList, expectResource, field } from '../checks.ts';
import { contentTypeFor, createGroupBody, opName, type SimGroup, type SimUser } from '../fixtures.ts';
import { groupPath, query, type Session } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** A group's life: lookup, create, members added and removed in its dialect, rename. */
export async function provisionGroup(session: Session, group: SimGroup): Promise<void> {
  const subject = `group ${group.index}`;
  await session.step(
    SHAPES.lookupGroup,
    {
      method: 'GET',
      path: `/Groups?${query({ excludedAttributes: 'members', filter: `displayName eq "${group.displayName}"` })}`,
    },
    (reply) => expectList(reply, 0),
    subject,
  );
  group.sent = true;
  const created = await session.step(
    SHAPES.createGroup,
    {
      method: 'POST',
      path: '/Groups',
      body: createGroupBody(group),
      contentType: contentTypeFor(group.index + 1),
    },
    (reply) => {
      const problems = expectResource(reply, 201);
      if (problems.length === 0 && field(reply.body, 'displayName') !== group.displayName) {
        problems.push(`expected displayName ${JSON.stringify(group.displayName)} echoed`);
      }
      return problems;
    },
    subject,
  );
  const id = field(created.body, 'id');
  if (created.status !== 201 || typeof id !== 'string') return;
  group.id = id;
  await session.lookupGroup(group, SHAPES.lookupGroupAfterCreate);
  if (group.index === 0) {
    const duplicate = await session.step(
      SHAPES.createDuplicateGroup,
      {
        method: 'POST',
        path: '/Groups',
        body: {
          ...createGroupBody(group),
          displayName: group.displayName.toLowerCase(),
          externalId: `${group.externalId}-dup`,
        },
      },
      (reply) => expectError(reply, 409, 'uniqueness'),
      subject,
    );
    await session.discard(duplicate, 'Groups');
  }

  const members = membersFor(session, group);
  if (members.length === 0) return;
  const [first, ...rest] = members;
  await session.patchGroup(
    SHAPES.addMember,
    group,
    [{ op: opName(group.dialect, 'add'), path: 'members', value: [{ $ref: null, value: first!.id }] }],
    subject,
  );
  group.members.add(first!.id!);
  if (rest.length > 0) {
    await session.patchGroup(
      SHAPES.addMembers,
      group,
      [
        {
          op: opName(group.dialect, 'add'),
          path: 'members',
          value: rest.map((user) => ({ value: user.id })),
        },
      ],
      subject,
    );
    for (const user of rest) group.members.add(user.id!);
  }
  await session.patchGroup(
    SHAPES.addExistingMember,
    group,
    [{ op: opName(group.dialect, 'add'), path: 'members', value: [{ value: first!.id }] }],
    subject,
  );
  await session.verifyMembers(SHAPES.addMembers, group, [first!, rest.at(-1) ?? first!]);

  if (group.dialect === 'default') {
    await session.patchGroup(
      SHAPES.removeMembersByValue,
      group,
      [{ op: 'Remove', path: 'members', value: [{ value: first!.id }] }],
      subject,
    );
    group.members.delete(first!.id!);
    await session.verifyMembers(SHAPES.removeMembersByValue, group, [first!, ...rest.slice(0, 1)]);
  } else {
    const removed = rest.length >= 2 ? [first!, rest[0]!] : [first!];
    await session.patchGroup(
      SHAPES.removeMembersByFilter,
      group,
      removed.map((user) => ({ op: 'remove', path: `members[value eq "${user.id}"]` })),
      subject,
    );
    for (const user of removed) group.members.delete(user.id!);
    await session.verifyMembers(SHAPES.removeMembersByFilter, group, [...removed, ...rest.slice(1, 2)]);
  }

  group.displayName = `${group.displayName} renamed`;
  if (group.dialect === 'default') {
    await session.patchGroup(
      SHAPES.renameGroup('default'),
      group,
      [{ op: 'Replace', path: 'displayName', value: group.displayName }],
      subject,
    );
  } else {
    group.externalId = `${group.externalId}-renamed`;
    await session.patchGroup(
      SHAPES.renameGroup('compliant'),
      group,
      [{ op: 'replace', value: { displayName: group.displayName, externalId: group.externalId } }],
      subject,
    );
  }
  await session.lookupGroup(group, SHAPES.lookupGroupAfterRename);
  await session.step(
    SHAPES.readGroupWithoutMembers,
    { method: 'GET', path: `${groupPath(group)}?excludedAttributes=members` },
    (reply) => {
      const problems = expectResource(reply, 200);
      if (problems.length === 0 && field(reply.body, 'members') !== undefined)
        problems.push('expected no members with excludedAttributes=members');
      if (problems.length === 0 && field(reply.body, 'displayName') !== group.displayName)
        problems.push(`expected displayName ${JSON.stringify(group.displayName)}`);
      return problems;
    },
    subject,
  );
}

function membersFor(session: Session, group: SimGroup): SimUser[] {
  const live = session.live();
  if (live.length === 0) return [];
  const picked = new Map<string, SimUser>();
  for (let offset = 0; offset < Math.min(4, live.length); offset++) {
    const user = live[(group.index * 4 + offset) % live.length]!;
    picked.set(user.id!, user);
  }
  return [...picked.values()];
}
