import { expectList, field, listResources } from '../checks.ts';
import type { SimUser } from '../fixtures.ts';
import { query, type Session } from '../session.ts';
import { SHAPES } from '../shapes.ts';

/** Disables with one of Entra's six spellings, checks the user stays visible, re-enables. */
export async function disableAndEnable(session: Session, user: SimUser): Promise<void> {
  const subject = `user ${user.index}`;
  const form = user.index % DISABLE_FORMS.length;
  const { shape, operations } = DISABLE_FORMS[form]!;
  user.active = false;
  await session.patchUser(shape, user, operations, subject);
  await session.readUser(user, SHAPES.readDisabledUser);
  await session.step(
    SHAPES.lookupDisabledUser,
    { method: 'GET', path: `/Users?${query({ filter: `userName eq "${user.userName}"` })}` },
    (reply) => {
      const problems = expectList(reply, 1);
      const active = field(listResources(reply)[0], 'active');
      if (problems.length === 0 && active !== false)
        problems.push(`expected the disabled user with active false, got ${JSON.stringify(active)}`);
      return problems;
    },
    subject,
  );
  user.active = true;
  await session.patchUser(
    SHAPES.enableUser,
    user,
    user.dialect === 'default'
      ? [{ op: 'Replace', path: 'active', value: 'True' }]
      : [{ op: 'replace', value: { active: true } }],
    subject,
  );
}

const DISABLE_FORMS: readonly { shape: string; operations: Record<string, unknown>[] }[] = [
  {
    shape: SHAPES.disable('Replace "False"'),
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  },
  { shape: SHAPES.disable('Replace false'), operations: [{ op: 'Replace', path: 'active', value: false }] },
  {
    shape: SHAPES.disable('replace "false"'),
    operations: [{ op: 'replace', path: 'active', value: 'false' }],
  },
  { shape: SHAPES.disable('Add "False"'), operations: [{ op: 'Add', path: 'active', value: 'False' }] },
  { shape: SHAPES.disable('path-less'), operations: [{ op: 'replace', value: { active: false } }] },
  {
    shape: SHAPES.disable('with an unknown attribute'),
    // One unknown attribute must not sink the whole PATCH, or the active:false riding in it is lost.
    operations: [
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: 'immutableId', value: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    ],
  },
];
