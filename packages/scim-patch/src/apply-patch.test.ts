import { createRegistry, defineExtension, type PatchOperation, type SchemaDefinition } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../test/fixture-runner.ts';
import { applyPatch } from './index.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';

const user = deepFreeze({
  schemas: [USER],
  id: 'u-1',
  userName: 'alice@contoso.com',
  displayName: 'Alice',
  name: { givenName: 'Alice', familyName: 'Jones' },
  emails: [
    { value: 'alice@contoso.com', type: 'work', primary: true },
    { value: 'alice@home.org', type: 'home' },
  ],
  meta: { resourceType: 'User' },
});

describe('applyPatch', () => {
  it('returns the input itself when nothing changed', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', path: 'displayName', value: 'Alice' }],
      createRegistry(),
    );
    expect(result.resource).toBe(user);
    expect(result.changed).toEqual([]);
  });

  it('returns the input itself when the operations write the values already there', () => {
    const result = applyPatch(
      user,
      [
        { op: 'replace', path: 'name.givenName', value: 'Alice' },
        { op: 'add', path: 'emails', value: [{ type: 'home', value: 'alice@home.org' }] },
        { op: 'replace', value: { userName: 'alice@contoso.com', id: 'u-1' } },
      ],
      createRegistry(),
    );
    expect(result.resource).toBe(user);
  });

  it('shares every attribute it did not touch with the input', () => {
    const result = applyPatch(user, [{ op: 'replace', path: 'displayName', value: 'Al' }], createRegistry());
    expect(result.resource).not.toBe(user);
    expect(result.resource.emails).toBe(user.emails);
    expect(result.resource.name).toBe(user.name);
  });

  it('tells the resource type from schemas when meta has none', () => {
    const { meta: _meta, ...bare } = user;
    const result = applyPatch(bare, [{ op: 'add', path: 'title', value: 'CTO' }], createRegistry());
    expect(result.resource.title).toBe('CTO');
  });

  it('reads operation members in any case', () => {
    const result = applyPatch(
      user,
      [{ Op: ' REPLACE ', Path: 'displayName', Value: 'Al' } as unknown as PatchOperation],
      createRegistry(),
    );
    expect(result.resource.displayName).toBe('Al');
  });

  it('treats an empty path as no path', () => {
    const result = applyPatch(user, [{ op: 'replace', path: '', value: { title: 'CTO' } }], createRegistry());
    expect(result.changed).toEqual(['title']);
  });

  it('accepts a path qualified with the core schema URN', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', path: `${USER}:displayName`, value: 'Al' }],
      createRegistry(),
    );
    expect(result.resource.displayName).toBe('Al');
  });

  it('accepts the core schema URN as the path of a whole-resource value', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', path: USER, value: { displayName: 'Al' } }],
      createRegistry(),
    );
    expect(result.resource.displayName).toBe('Al');
  });

  it('sets, clears and removes a whole extension by its URN', () => {
    const registry = createRegistry();
    const set = applyPatch(
      user,
      [{ op: 'add', path: ENT, value: { department: 'Sales', manager: 'm-1' } }],
      registry,
    );
    expect(set.resource[ENT]).toEqual({ department: 'Sales', manager: { value: 'm-1' } });
    expect(set.resource.schemas).toEqual([USER, ENT]);
    for (const operation of [
      { op: 'remove', path: ENT },
      { op: 'replace', path: ENT, value: null },
    ]) {
      const cleared = applyPatch(set.resource, [operation], registry);
      expect(cleared.resource).toEqual(user);
      expect(cleared.changed).toEqual([`${ENT}:department`, `${ENT}:manager.value`]);
    }
  });

  it('ignores operations on schemas, which the server keeps', () => {
    const result = applyPatch(
      user,
      [
        { op: 'replace', path: 'schemas', value: ['urn:x'] },
        { op: 'replace', value: { schemas: ['urn:x'], title: 'CTO' } },
      ],
      createRegistry(),
    );
    expect(result.resource.schemas).toEqual([USER]);
    expect(result.ignored).toEqual([
      { operation: 0, path: 'schemas', reason: 'managed by the server' },
      { operation: 1, path: 'schemas', reason: 'managed by the server' },
    ]);
  });

  it('ignores a path-less key that is no valid path', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', value: { 'display name': 'x', title: 'CTO' } }],
      createRegistry(),
    );
    expect(result.changed).toEqual(['title']);
    expect(result.ignored).toEqual([{ operation: 0, path: 'display name', reason: 'unknown attribute' }]);
  });

  it('reports unknown sub-attributes of a value once per path', () => {
    const result = applyPatch(
      user,
      [
        {
          op: 'add',
          path: 'emails',
          value: [
            { value: 'a@x.org', label: 'a' },
            { value: 'b@x.org', label: 'b' },
          ],
        },
      ],
      createRegistry(),
    );
    expect(result.ignored).toEqual([{ operation: 0, path: 'emails.label', reason: 'unknown attribute' }]);
    expect(result.resource.emails).toEqual([...user.emails, { value: 'a@x.org' }, { value: 'b@x.org' }]);
  });

  it('writes canonical names over differently-cased stored keys', () => {
    const stored = { ...user, DisplayName: 'Old' } as Record<string, unknown>;
    delete stored.displayName;
    const result = applyPatch(
      stored,
      [{ op: 'replace', path: 'displayname', value: 'New' }],
      createRegistry(),
    );
    expect(result.resource.displayName).toBe('New');
    expect(result.resource).not.toHaveProperty('DisplayName');
  });

  it('sets a sub-attribute on every element when the path has no filter', () => {
    const result = applyPatch(
      user,
      [{ op: 'replace', path: 'emails.display', value: 'Alice' }],
      createRegistry(),
    );
    expect(result.resource.emails).toEqual([
      { value: 'alice@contoso.com', display: 'Alice', type: 'work', primary: true },
      { value: 'alice@home.org', display: 'Alice', type: 'home' },
    ]);
  });

  it('removes only the listed values of a multi-valued attribute', () => {
    const result = applyPatch(
      user,
      [{ op: 'remove', path: 'emails', value: [{ value: 'alice@home.org' }] }],
      createRegistry(),
    );
    expect(result.resource.emails).toEqual([user.emails[0]]);
  });

  it('creates an element from every eq comparison of an and filter', () => {
    const result = applyPatch(
      { ...user, emails: undefined },
      [{ op: 'add', path: 'emails[type eq "work" and primary eq "True"].value', value: 'a@x.org' }],
      createRegistry(),
    );
    expect(result.resource.emails).toEqual([{ value: 'a@x.org', type: 'work', primary: true }]);
  });

  it('merges an add into the element a filter selects, and replaces it on replace', () => {
    const registry = createRegistry();
    const added = applyPatch(
      user,
      [{ op: 'add', path: 'emails[type eq "home"]', value: { display: 'Home' } }],
      registry,
    );
    expect(added.resource.emails).toEqual([
      user.emails[0],
      { value: 'alice@home.org', display: 'Home', type: 'home' },
    ]);
    const replaced = applyPatch(
      user,
      [{ op: 'replace', path: 'emails[type eq "home"]', value: { display: 'Home' } }],
      registry,
    );
    expect(replaced.resource.emails).toEqual([user.emails[0], { display: 'Home', type: 'home' }]);
  });

  it('selects elements with the schema rules of the filter evaluator', () => {
    const result = applyPatch(
      user,
      [{ op: 'remove', path: 'emails[value eq "ALICE@HOME.ORG"]' }],
      createRegistry(),
    );
    expect(result.resource.emails).toEqual([user.emails[0]]);
  });

  it('runs validateResource over the whole result when asked', () => {
    const stored = { ...user, shoeSize: 42 };
    const result = applyPatch(stored, [{ op: 'replace', path: 'title', value: 'CTO' }], createRegistry(), {
      validate: 'resource',
    });
    expect(result.resource).not.toHaveProperty('shoeSize');
    expect(result.resource.title).toBe('CTO');
  });

  it('never fails a PATCH over stored data it does not touch', () => {
    const stored = { ...user, active: 'perhaps' };
    const result = applyPatch(stored, [{ op: 'replace', path: 'title', value: 'CTO' }], createRegistry());
    expect(result.changed).toEqual(['title']);
  });
});

describe('applyPatch with registerUnknownExtensions', () => {
  it('registers an undeclared extension attribute and reports the schema', () => {
    const registry = createRegistry();
    const registered: SchemaDefinition[] = [];
    const result = applyPatch(
      user,
      [
        { op: 'add', path: `${CONTOSO}:costCenter`, value: 'CC-7' },
        { op: 'replace', value: { [CONTOSO]: { remote: 'True', floor: 3 } } },
      ],
      registry,
      { registerUnknownExtensions: true, onRegisteredExtension: (schema) => registered.push(schema) },
    );
    expect(result.resource[CONTOSO]).toEqual({ costCenter: 'CC-7', remote: 'True', floor: 3 });
    expect(result.resource.schemas).toEqual([USER, CONTOSO]);
    expect(registered.map((schema) => schema.attributes.map((attribute) => attribute.name))).toEqual([
      ['costCenter'],
      ['costCenter', 'remote'],
      ['costCenter', 'remote', 'floor'],
    ]);
    expect(registry.resolve('User', `${CONTOSO}:floor`)?.definition.type).toBe('decimal');
  });

  it('never adds attributes to a standard schema', () => {
    const result = applyPatch(user, [{ op: 'add', path: `${ENT}:badge`, value: 'B-1' }], createRegistry(), {
      registerUnknownExtensions: true,
    });
    expect(result.ignored).toEqual([{ operation: 0, path: `${ENT}:badge`, reason: 'unknown attribute' }]);
  });

  it('infers nothing from a value it cannot store as a simple attribute', () => {
    const registry = createRegistry();
    registry.registerExtension('User', defineExtension(CONTOSO, { costCenter: 'string' }));
    const result = applyPatch(user, [{ op: 'add', path: `${CONTOSO}:desk`, value: { floor: 3 } }], registry, {
      registerUnknownExtensions: true,
    });
    expect(result.ignored).toEqual([{ operation: 0, path: `${CONTOSO}:desk`, reason: 'unknown attribute' }]);
  });
});
