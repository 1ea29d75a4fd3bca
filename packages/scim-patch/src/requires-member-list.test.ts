import { describe, expect, it } from 'vitest';
import { requiresMemberList } from './index.ts';

describe('requiresMemberList', () => {
  it.each([
    [[{ op: 'Add', path: 'members', value: [{ value: 'u1' }] }]],
    [[{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }]],
    [[{ op: 'remove', path: 'members[value eq "u1"]' }]],
    [[{ op: 'remove', path: 'members[value eq "u1" or value eq "u2"]' }]],
    [[{ op: 'remove', path: 'members' }]],
    [[{ op: 'replace', path: 'members', value: [] }]],
    [[{ op: 'replace', value: { displayName: 'x', members: [{ value: 'u1' }] } }]],
    [[{ op: 'replace', path: 'displayName', value: 'x' }]],
    [[{ op: 'remove', path: 'members[value eq' }]],
    [['not an operation']],
  ])('is false for %j', (operations) => {
    expect(requiresMemberList(operations)).toBe(false);
  });

  it.each([
    [[{ op: 'remove', path: 'members[type eq "Group"]' }]],
    [[{ op: 'add', path: 'members[value eq "u1"]', value: { type: 'User' } }]],
    [[{ op: 'replace', path: 'members[value eq "u1"].type', value: 'User' }]],
    [[{ op: 'remove', path: 'urn:ietf:params:scim:schemas:core:2.0:Group:members.type' }]],
    [[{ op: 'add', value: { 'members[value eq "u1"].type': 'User' } }]],
  ])('is true for %j', (operations) => {
    expect(requiresMemberList(operations)).toBe(true);
  });
});
