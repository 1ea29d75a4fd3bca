import { URN } from '@scimkit/schema';
import { expectError, expectList, expectResource, field, listResources } from '../checks.ts';
import { compareUser } from '../compare.ts';
import { contentTypeFor, createUserBody, type SimUser } from '../fixtures.ts';
import { query, type Session } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Lookup before create (userName, then externalId), the create, and the next cycle's lookup. */
export async function createUser(session: Session, user: SimUser): Promise<void> {
  const subject = `user ${user.index}`;
  await session.step(
    SHAPES.lookupUserName,
    { method: 'GET', path: `/Users?${query({ filter: `userName eq "${user.userName}"` })}` },
    (reply) => expectList(reply, 0),
    subject,
  );
  // Older mappings send the legacy unquoted form; it must match the same way.
  const unquoted = user.index % 3 === 2;
  await session.step(
    unquoted ? SHAPES.lookupExternalIdUnquoted : SHAPES.lookupExternalId,
    {
      method: 'GET',
      path: `/Users?${query({ filter: unquoted ? `externalId eq ${user.externalId}` : `externalId eq "${user.externalId}"` })}`,
    },
    (reply) => expectList(reply, 0),
    subject,
  );
  const shape =
    user.custom !== undefined ? SHAPES.createUserCustom(user.dialect) : SHAPES.createUser(user.dialect);
  user.sent = true;
  const reply = await session.step(
    shape,
    { method: 'POST', path: '/Users', body: createUserBody(user), contentType: contentTypeFor(user.index) },
    (answer) => {
      const problems = expectResource(answer, 201);
      return problems.length > 0 ? problems : compareUser(answer.body, user);
    },
    subject,
  );
  const id = field(reply.body, 'id');
  if (reply.status !== 201 || typeof id !== 'string') return;
  user.id = id;
  // The next cycle looks the user up again, with the case Entra happens to hold.
  await session.step(
    SHAPES.lookupAfterCreate,
    { method: 'GET', path: `/Users?${query({ filter: `UserName eq "${user.userName.toUpperCase()}"` })}` },
    (answer) => {
      const problems = expectList(answer, 1);
      const found = listResources(answer)[0];
      if (problems.length === 0 && field(found, 'id') !== id)
        problems.push(`expected the user with id ${id}`);
      return problems.length > 0 ? problems.map((problem) => `case-insensitive userName: ${problem}`) : [];
    },
    subject,
  );
}

/** Duplicates (409) and malformed creates (400), once per run. */
export async function createConflicts(session: Session): Promise<void> {
  const existing = session.live()[0];
  if (existing !== undefined) {
    const duplicate = {
      ...createUserBody(existing),
      userName: existing.userName.toUpperCase(),
      externalId: `${existing.externalId}-dup`,
    };
    const reply = await session.step(
      SHAPES.createDuplicate,
      { method: 'POST', path: '/Users', body: duplicate },
      (answer) => expectError(answer, 409, 'uniqueness'),
    );
    await session.discard(reply, 'Users');
  }
  await session.step(
    SHAPES.createMalformed,
    {
      method: 'POST',
      path: '/Users',
      rawBody: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":',
    },
    (reply) => expectError(reply, 400),
  );
  const reply = await session.step(
    SHAPES.createWithoutUserName,
    {
      method: 'POST',
      path: '/Users',
      body: { schemas: [URN.User], displayName: 'No Username', active: true },
    },
    (answer) => expectError(answer, 400),
  );
  await session.discard(reply, 'Users');
}
