import { describe, expect, it } from 'vitest';
import { ENTERPRISE_USER, FULL_USER, GROUP } from '../test/rfc7643-examples.ts';
import { URN } from './definitions/urns.ts';
import { parseAttributeList, projectResource } from './project.ts';
import { createRegistry, defineExtension } from './registry.ts';

const ENTERPRISE = URN.EnterpriseUser;
const registry = createRegistry();

describe('projectResource', () => {
  it('returns the default set without password (returned: never)', () => {
    const result = projectResource(registry, FULL_USER);
    const { password: _password, ...expected } = FULL_USER;
    expect(result).toEqual(expected);
  });

  it('returns only id, schemas and the named attributes when attributes is given', () => {
    expect(projectResource(registry, FULL_USER, { attributes: ['userName'] })).toEqual({
      schemas: FULL_USER.schemas,
      id: FULL_USER.id,
      userName: FULL_USER.userName,
    });
  });

  it('never returns password even when asked for', () => {
    expect(projectResource(registry, FULL_USER, { attributes: ['password'] })).toEqual({
      schemas: FULL_USER.schemas,
      id: FULL_USER.id,
    });
  });

  it('never excludes id (returned: always)', () => {
    const result = projectResource(registry, GROUP, { excludedAttributes: ['id', 'members', 'meta'] });
    expect(result).toEqual({ schemas: GROUP.schemas, id: GROUP.id, displayName: GROUP.displayName });
  });

  it('selects sub-attributes of single- and multi-valued attributes', () => {
    expect(projectResource(registry, FULL_USER, { attributes: ['name.givenName', 'emails.value'] })).toEqual({
      schemas: FULL_USER.schemas,
      id: FULL_USER.id,
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('excludes sub-attributes', () => {
    const result = projectResource(registry, FULL_USER, {
      excludedAttributes: ['emails.type', 'name.formatted'],
    });
    expect(result.emails).toEqual([
      { value: 'bjensen@example.com', primary: true },
      { value: 'babs@jensen.org' },
    ]);
    expect(result.name).not.toHaveProperty('formatted');
    expect(result.name).toHaveProperty('givenName', 'Barbara');
  });

  it('matches names case-insensitively', () => {
    expect(projectResource(registry, FULL_USER, { attributes: ['USERNAME', 'Name.GivenName'] })).toEqual({
      schemas: FULL_USER.schemas,
      id: FULL_USER.id,
      userName: FULL_USER.userName,
      name: { givenName: 'Barbara' },
    });
  });

  it('accepts URN-qualified attribute and extension names', () => {
    expect(
      projectResource(registry, ENTERPRISE_USER, {
        attributes: [`${ENTERPRISE}:department`, `${URN.User}:userName`],
      }),
    ).toEqual({
      schemas: ENTERPRISE_USER.schemas,
      id: ENTERPRISE_USER.id,
      userName: ENTERPRISE_USER.userName,
      [ENTERPRISE]: { department: 'Tour Operations' },
    });
    expect(projectResource(registry, ENTERPRISE_USER, { attributes: [ENTERPRISE] })).toEqual({
      schemas: ENTERPRISE_USER.schemas,
      id: ENTERPRISE_USER.id,
      [ENTERPRISE]: ENTERPRISE_USER[ENTERPRISE],
    });
    expect(
      projectResource(registry, ENTERPRISE_USER, { attributes: [`${ENTERPRISE}:manager.value`] })[ENTERPRISE],
    ).toEqual({
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    });
    const excluded = projectResource(registry, ENTERPRISE_USER, { excludedAttributes: [ENTERPRISE] });
    expect(excluded).not.toHaveProperty(ENTERPRISE);
    expect(excluded).toHaveProperty('userName');
  });

  it('returns returned:request attributes only when named', () => {
    const custom = 'urn:example:params:scim:schemas:extension:Audit:2.0:User';
    const withAudit = createRegistry().registerExtension(
      'User',
      defineExtension(custom, { note: 'string', secretScore: { type: 'integer', returned: 'request' } }),
    );
    const user = { ...FULL_USER, [custom]: { note: 'n', secretScore: 5 } };
    expect(projectResource(withAudit, user)[custom]).toEqual({ note: 'n' });
    expect(projectResource(withAudit, user, { attributes: [`${custom}:secretScore`] })[custom]).toEqual({
      secretScore: 5,
    });
  });

  it('filters elements with a value filter hook', () => {
    const result = projectResource(registry, FULL_USER, {
      attributes: ['emails[type eq "work"]'],
      valueFilter: (_type, attribute, filter) => {
        expect(attribute.attribute.name).toBe('emails');
        expect(filter).toBe('type eq "work"');
        return (element) => (element as { type?: string }).type === 'work';
      },
    });
    expect(result).toEqual({
      schemas: FULL_USER.schemas,
      id: FULL_USER.id,
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    });
  });

  it('refuses a value filter without a hook', () => {
    expect(() => projectResource(registry, FULL_USER, { attributes: ['emails[type eq "work"]'] })).toThrow(
      'Value filters in attribute lists are not supported here',
    );
  });

  it('ignores unknown attribute names (RFC 7644 §3.9)', () => {
    expect(projectResource(registry, GROUP, { attributes: ['nothing', 'displayName'] })).toEqual({
      schemas: GROUP.schemas,
      id: GROUP.id,
      displayName: GROUP.displayName,
    });
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(FULL_USER);
    projectResource(registry, FULL_USER, { attributes: ['emails.value'] });
    expect(FULL_USER).toEqual(copy);
  });
});

describe('parseAttributeList', () => {
  it('splits on commas outside brackets and quotes', () => {
    expect(parseAttributeList('userName, emails[type eq "a,b" and value co ","],name.givenName')).toEqual([
      'userName',
      'emails[type eq "a,b" and value co ","]',
      'name.givenName',
    ]);
    expect(parseAttributeList(undefined)).toEqual([]);
    expect(parseAttributeList(' , ')).toEqual([]);
  });
});
