import { createRegistry, isScimError } from '@scimkit/schema';
import { describe, expect, it, vi } from 'vitest';
import { deepFreeze } from '../../test/fixture-runner.ts';
import { applyPatch } from '../index.ts';
import { Membership } from './membership.ts';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const registry = createRegistry();
const members = registry.resolve('Group', 'members')!.attribute;
const group = deepFreeze({
  schemas: [GROUP],
  id: 'g-1',
  displayName: 'Sales',
  meta: { resourceType: 'Group' },
});

describe('Membership', () => {
  it('keeps an id out of remove once it joins, and out of add once it leaves', () => {
    const membership = new Membership(members, false);
    membership.join('u1');
    membership.leave('u1');
    membership.leave('u2');
    membership.join('u2');
    expect(membership.delta).toEqual({ removeAll: false, remove: ['u1'], add: ['u2'] });
  });

  it('forgets earlier changes when every member leaves', () => {
    const membership = new Membership(members, false);
    membership.join('u1');
    membership.leave('u2');
    membership.clear();
    membership.leave('u3');
    membership.join('u4');
    expect(membership.delta).toEqual({ removeAll: true, remove: [], add: ['u4'] });
  });
});

describe('membership deltas without the member list', () => {
  it('computes a one-member change of a 50,000-member group without reading its members', () => {
    const stored = Array.from({ length: 50_000 }, (_, index) => ({ value: `u${index}` }));
    // A store that did not load members still hands over a resource; prove it is never read.
    const resource = {
      ...group,
      get members(): never {
        throw new Error('members must not be read');
      },
    };
    const result = applyPatch(
      resource,
      [
        { op: 'Add', path: 'members', value: [{ value: 'u50000' }] },
        { op: 'remove', path: 'members[value eq "u7"]' },
      ],
      registry,
      { membersLoaded: false },
    );
    expect(result.members).toEqual({ removeAll: false, remove: ['u7'], add: ['u50000'] });
    expect(result.changed).toEqual([]);
    expect(stored).toHaveLength(50_000);
  });

  it('turns a replace of members into removeAll plus add', () => {
    const result = applyPatch(
      group,
      [{ op: 'replace', path: 'members', value: [{ value: 'u1' }, { value: 'u1' }] }],
      registry,
      {
        membersLoaded: false,
      },
    );
    expect(result.members).toEqual({ removeAll: true, remove: [], add: ['u1'] });
  });

  it('reads an or of value eq comparisons as ids', () => {
    const result = applyPatch(
      group,
      [{ op: 'remove', path: 'members[value eq "u1" or value eq "u2"]' }],
      registry,
      {
        membersLoaded: false,
      },
    );
    expect(result.members).toEqual({ removeAll: false, remove: ['u1', 'u2'], add: [] });
  });

  it('loads the member list once, lazily, for a filter that is not by id', () => {
    const loadMembers = vi.fn(() => [
      { value: 'u1', type: 'User' },
      { value: 'g9', type: 'Group' },
      { value: 'u2', type: 'User' },
    ]);
    const result = applyPatch(
      group,
      [
        { op: 'add', path: 'members', value: [{ value: 'g8', type: 'Group' }] },
        { op: 'remove', path: 'members[value eq "u2"]' },
        { op: 'remove', path: 'members[type eq "Group"]' },
        { op: 'remove', path: 'members[type eq "Group"]' },
      ],
      registry,
      { membersLoaded: false, loadMembers },
    );
    expect(loadMembers).toHaveBeenCalledTimes(1);
    // g8 joined in this PATCH and left again, so it leaves (it may have been a member before).
    expect(result.members).toEqual({ removeAll: false, remove: ['u2', 'g9', 'g8'], add: [] });
    expect(result.resource).toEqual(group);
  });

  it('names loadMembers when a member-list operation arrives without it', () => {
    try {
      applyPatch(group, [{ op: 'replace', path: 'members[value eq "u1"].type', value: 'Group' }], registry, {
        membersLoaded: false,
      });
      expect.unreachable();
    } catch (error) {
      expect(isScimError(error) && error.status).toBe(500);
      expect((error as Error).message).toContain('options.loadMembers');
    }
  });
});

describe('membership deltas with the member list', () => {
  it('updates the list and reports the same delta', () => {
    const loaded = deepFreeze({ ...group, members: [{ value: 'u1' }, { value: 'u2' }] });
    const result = applyPatch(
      loaded,
      [
        { op: 'add', value: { members: [{ value: 'u3' }, { value: 'u1' }] } },
        { op: 'Remove', path: 'members', value: [{ value: 'u2' }] },
      ],
      registry,
    );
    expect(result.resource.members).toEqual([{ value: 'u1' }, { value: 'u3' }]);
    expect(result.members).toEqual({ removeAll: false, remove: ['u2'], add: ['u3', 'u1'] });
    expect(result.changed).toEqual(['members']);
  });

  it('diffs the ids of a member-list operation into the delta', () => {
    const loaded = deepFreeze({
      ...group,
      members: [
        { value: 'u1', type: 'User' },
        { value: 'g2', type: 'Group' },
      ],
    });
    const result = applyPatch(loaded, [{ op: 'remove', path: 'members[type eq "Group"]' }], registry);
    expect(result.resource.members).toEqual([{ value: 'u1', type: 'User' }]);
    expect(result.members).toEqual({ removeAll: false, remove: ['g2'], add: [] });
  });
});
