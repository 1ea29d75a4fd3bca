import { URN } from '@scimkit/schema';
import { expectError, expectList, expectStatus, field, listResources } from '../checks.ts';
import { CUSTOM_EXTENSION, opName, patchBody, type SimUser } from '../fixtures.ts';
import { query, type Session, userPath } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Updates in the user's dialect, a filtered path that must create an element, and clearing. */
export async function updateUser(session: Session, user: SimUser): Promise<void> {
  const subject = `user ${user.index}`;
  const next = {
    givenName: `${user.givenName}a`,
    familyName: `${user.familyName}-Smith`,
    department: user.department === 'Sales' ? 'Sales EMEA' : 'Sales',
    employeeNumber: `${user.employeeNumber}1`,
    email: user.workEmail === undefined ? undefined : `renamed-${user.workEmail}`,
  };
  if (user.dialect === 'default') {
    const operations: Record<string, unknown>[] = [
      { op: 'Replace', path: 'name.familyName', value: next.familyName },
      { op: 'Add', path: `${URN.EnterpriseUser}:department`, value: next.department },
      { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '62702' },
    ];
    if (next.email !== undefined)
      operations.unshift({ op: 'Replace', path: 'emails[type eq "work"].value', value: next.email });
    user.familyName = next.familyName;
    user.department = next.department;
    user.postalCode = '62702';
    if (next.email !== undefined) user.workEmail = next.email;
    await session.patchUser(SHAPES.updateUser('default'), user, operations, subject);
  } else {
    // Entra 2020: everything folded into one path-less op with dotted and URN-qualified keys.
    const op = user.index % 4 === 3 ? 'add' : 'replace';
    user.givenName = next.givenName;
    user.displayName = `${next.givenName} ${user.familyName}`;
    user.employeeNumber = next.employeeNumber;
    await session.patchUser(
      op === 'add' ? SHAPES.updateUserPathlessAdd : SHAPES.updateUser('compliant'),
      user,
      [
        {
          op,
          value: {
            displayName: user.displayName,
            'name.givenName': user.givenName,
            [`${URN.EnterpriseUser}:employeeNumber`]: user.employeeNumber,
          },
        },
      ],
      subject,
      (resource) =>
        field(resource, 'name.givenName') !== undefined
          ? [
              'the dotted key "name.givenName" was stored as a literal attribute instead of setting name.givenName',
            ]
          : [],
    );
  }
  if (user.workEmail === undefined) {
    // No work email yet: the filtered path must create {type: "work", value}.
    user.workEmail = `added-${user.userName}`;
    const operations: Record<string, unknown>[] =
      user.dialect === 'default'
        ? [
            { op: 'Add', path: 'emails[type eq "work"].value', value: user.workEmail },
            { op: 'Add', path: 'emails[type eq "work"].primary', value: 'true' },
          ]
        : [{ op: 'replace', path: 'emails[type eq "work"].value', value: user.workEmail }];
    await session.patchUser(SHAPES.addWorkEmail(user.dialect), user, operations, subject);
  }
  if (user.custom !== undefined) {
    user.custom = `${user.custom}-2`;
    await session.patchUser(
      SHAPES.updateCustomExtension,
      user,
      [{ op: opName(user.dialect, 'replace'), path: `${CUSTOM_EXTENSION}:costCode`, value: user.custom }],
      subject,
    );
  }
  const formatted = user.formatted;
  user.formatted = undefined;
  user.title = undefined;
  await session.patchUser(
    SHAPES.clearAttributes(user.dialect),
    user,
    user.dialect === 'default'
      ? [
          { op: 'Remove', path: 'name.formatted', value: formatted },
          { op: 'Replace', path: 'title', value: '' },
        ]
      : [
          { op: 'remove', path: 'name.formatted' },
          { op: 'replace', path: 'title', value: null },
        ],
    subject,
  );
}

/** An empty PATCH, userName renames (and to a taken name), filters, paging and projection. */
export async function renamesAndQueries(session: Session): Promise<void> {
  const live = session.live();
  const first = live[0];
  if (first !== undefined) {
    await session.step(
      SHAPES.emptyPatch,
      { method: 'PATCH', path: userPath(first), body: patchBody([]) },
      (reply) => expectStatus(reply, 200, 204),
    );
  }
  for (const dialect of session.options.dialects) {
    const user = live.find((candidate) => candidate.dialect === dialect);
    if (user === undefined) continue;
    user.userName = `renamed-${user.userName}`;
    await session.patchUser(
      SHAPES.renameUser(dialect),
      user,
      [{ op: opName(dialect, 'replace'), path: 'userName', value: user.userName }],
      `user ${user.index}`,
    );
    await session.step(
      SHAPES.lookupAfterRename,
      { method: 'GET', path: `/Users?${query({ filter: `userName eq "${user.userName}"` })}` },
      (reply) => expectList(reply, 1),
      `user ${user.index}`,
    );
  }
  const [renamed, other] = [live[0], live[1]];
  if (renamed !== undefined && other !== undefined) {
    await session.step(
      SHAPES.renameToTaken,
      {
        method: 'PATCH',
        path: userPath(other),
        body: patchBody([{ op: 'Replace', path: 'userName', value: renamed.userName.toUpperCase() }]),
      },
      (reply) => {
        // Had the server accepted it, the simulator's model must follow, or later checks would cascade.
        if (reply.status === 200) other.userName = renamed.userName.toUpperCase();
        return expectError(reply, 409, 'uniqueness');
      },
    );
  }
  const withEmail = live.find((user) => user.workEmail !== undefined);
  if (withEmail !== undefined) {
    await session.step(
      SHAPES.queryWorkEmail,
      {
        method: 'GET',
        path: `/Users?${query({ filter: `emails[type eq "work"].value eq "${withEmail.workEmail}"` })}`,
      },
      (reply) => expectList(reply, 1),
    );
  }
  await session.step(
    SHAPES.queryMalformedFilter,
    { method: 'GET', path: `/Users?${query({ filter: 'userName eq' })}` },
    (reply) => expectError(reply, 400, 'invalidFilter'),
  );
  if (live.length >= 3) {
    const prefix = live[live.length - 1]!.userName.replace(/-\d+@.*$/, '-');
    await session.step(
      SHAPES.queryPaging,
      {
        method: 'GET',
        path: `/Users?${query({ filter: `userName sw "${prefix}"`, startIndex: '2', count: '2' })}`,
      },
      (reply) => {
        const problems = expectList(reply);
        if (problems.length > 0) return problems;
        const resources = listResources(reply);
        const expectedTotal = live.filter((user) => user.userName.startsWith(prefix)).length;
        if (field(reply.body, 'startIndex') !== 2)
          problems.push(
            `expected startIndex 2 echoed, got ${JSON.stringify(field(reply.body, 'startIndex'))}`,
          );
        if (field(reply.body, 'itemsPerPage') !== resources.length)
          problems.push('expected itemsPerPage to equal the number of Resources');
        if (resources.length !== Math.min(2, Math.max(0, expectedTotal - 1)))
          problems.push(
            `expected ${Math.min(2, expectedTotal - 1)} resources on the page, got ${resources.length}`,
          );
        if (field(reply.body, 'totalResults') !== expectedTotal)
          problems.push(
            `expected totalResults ${expectedTotal}, got ${JSON.stringify(field(reply.body, 'totalResults'))}`,
          );
        return problems;
      },
    );
    const target = live[0]!;
    await session.step(
      SHAPES.queryAttributes,
      {
        method: 'GET',
        path: `/Users?${query({ filter: `userName eq "${target.userName}"`, attributes: 'userName,emails' })}`,
      },
      (reply) => {
        const problems = expectList(reply, 1);
        const resource = listResources(reply)[0];
        if (problems.length > 0 || resource === undefined) return problems;
        if (field(resource, 'id') !== target.id) problems.push('expected id to be returned always');
        if (field(resource, 'userName') === undefined) problems.push('expected userName (requested)');
        if (field(resource, 'displayName') !== undefined)
          problems.push('expected displayName to be left out (not requested)');
        return problems;
      },
    );
  }
}
