import { createRegistry, URN } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../test/fixture-runner.ts';
import { Draft, type Slot } from './draft.ts';

const registry = createRegistry();
const slot = (path: string): Slot => {
  const resolved = registry.resolve('User', path)!;
  const urn = resolved.extension ? resolved.schema : undefined;
  return {
    urn,
    attribute: resolved.attribute,
    name: urn === undefined ? resolved.attribute.name : `${urn}:${resolved.attribute.name}`,
  };
};

describe('Draft', () => {
  it('copies the resource once and never writes the input', () => {
    const source = deepFreeze({ schemas: [URN.User], userName: 'a', emails: [{ value: 'a@x.org' }] });
    const draft = new Draft(source, URN.User);
    draft.write(slot('title'), 'CTO');
    draft.write(slot('userName'), 'b');
    expect(draft.resource).toEqual({
      schemas: [URN.User],
      userName: 'b',
      emails: [{ value: 'a@x.org' }],
      title: 'CTO',
    });
    expect(draft.resource.emails).toBe(source.emails);
    expect([...draft.touched].map((touched) => [touched.slot.name, touched.before])).toEqual([
      ['title', undefined],
      ['userName', 'a'],
    ]);
  });

  it('reads and replaces a differently-cased stored extension key', () => {
    const source = deepFreeze({
      schemas: [URN.User],
      [URN.EnterpriseUser.toLowerCase()]: { Department: 'Sales' },
    });
    const draft = new Draft(source, URN.User);
    expect(draft.read(slot(`${URN.EnterpriseUser}:department`))).toBe('Sales');
    draft.write(slot(`${URN.EnterpriseUser}:division`), 'EMEA');
    expect(draft.resource).toEqual({
      schemas: [URN.User, URN.EnterpriseUser],
      [URN.EnterpriseUser]: { Department: 'Sales', division: 'EMEA' },
    });
  });

  it('drops an extension left empty from the resource and from schemas', () => {
    const source = deepFreeze({
      schemas: [URN.User, URN.EnterpriseUser],
      [URN.EnterpriseUser]: { department: 'Sales' },
    });
    const draft = new Draft(source, URN.User);
    draft.write(slot(`${URN.EnterpriseUser}:department`), undefined);
    expect(draft.resource).toEqual({ schemas: [URN.User] });
  });

  it('treats a stored null as unassigned', () => {
    const draft = new Draft(deepFreeze({ schemas: [URN.User], title: null }), URN.User);
    expect(draft.read(slot('title'))).toBeUndefined();
  });
});
