/**
 * The PATCH requests the benchmark times: what Microsoft Entra ID sends in a provisioning
 * cycle (ENTRA.md) and the examples of RFC 7644 §3.5.2. Each scenario is applied to a fresh
 * resource by both engines, never mutating it.
 */
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BABS = '2819c223-7f76-453a-919d-413861904646';
const JAMES = '08e1d05d-121c-4561-8b96-473d93df9210';

export const user = {
  schemas: [USER, ENT],
  id: BABS,
  externalId: 'bjensen',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
  },
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  [ENT]: { employeeNumber: '701984', department: 'Tour Operations' },
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff591"',
    location: `https://example.com/v2/Users/${BABS}`,
  },
};

/** A group with `size` members. */
export function group(size) {
  return {
    schemas: [GROUP],
    id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
    displayName: 'Tour Guides',
    members: Array.from({ length: size }, (_, index) => ({
      value: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      $ref: `https://example.com/v2/Users/00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    })),
    meta: { resourceType: 'Group', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  };
}

const member = (id, display) => ({ display, $ref: `https://example.com/v2/Users/${id}`, value: id });
const withoutWorkEmail = { ...user, emails: [user.emails[1]] };
const MEMBER_7 = '00000000-0000-4000-8000-000000000007';

export const scenarios = [
  {
    group: 'Entra',
    name: 'default dialect: 5 ops, one per attribute',
    resource: user,
    operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'babs@example.com' },
      { op: 'Replace', path: 'name.familyName', value: 'Smith' },
      { op: 'Add', path: `${ENT}:department`, value: 'Sales' },
      { op: 'Replace', path: 'addresses[type eq "work"].postalCode', value: '91609' },
      { op: 'Replace', path: 'active', value: 'False' },
    ],
  },
  {
    group: 'Entra',
    name: 'compliant dialect: one path-less replace',
    resource: user,
    operations: [
      {
        op: 'replace',
        value: { displayName: 'Babs J', 'name.givenName': 'Babs', [`${ENT}:employeeNumber`]: '701985' },
      },
    ],
  },
  {
    group: 'Entra',
    name: 'disable: Replace active "False"',
    resource: user,
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  },
  {
    group: 'Entra',
    name: 'link manager (bare id)',
    resource: user,
    operations: [{ op: 'Add', path: `${ENT}:manager`, value: JAMES }],
  },
  {
    group: 'Entra',
    name: 'create work email + primary by filter',
    resource: withoutWorkEmail,
    operations: [
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'bjensen@example.com' },
      { op: 'Add', path: 'emails[type eq "work"].primary', value: 'true' },
    ],
  },
  {
    group: 'Entra',
    name: 'add 1 member to a 1,000-member group',
    resource: group(1000),
    operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: BABS }] }],
  },
  {
    group: 'Entra',
    name: 'remove 1 member by filter from a 1,000-member group',
    resource: group(1000),
    operations: [{ op: 'remove', path: `members[value eq "${MEMBER_7}"]` }],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.1 add a member',
    resource: group(2),
    operations: [{ op: 'add', path: 'members', value: [member(BABS, 'Babs Jensen')] }],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.1 add without path',
    resource: user,
    operations: [
      { op: 'add', value: { emails: [{ value: 'babs@jensen.net', type: 'home' }], nickname: 'Babs' } },
    ],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.2 remove a member by filter',
    resource: group(2),
    operations: [{ op: 'remove', path: 'members[value eq "00000000-0000-4000-8000-000000000001"]' }],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.2 remove all members',
    resource: group(2),
    operations: [{ op: 'remove', path: 'members' }],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.2 remove emails by compound filter',
    resource: user,
    operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.2 remove all members, then add two',
    resource: group(2),
    operations: [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')] },
    ],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.3 replace all members',
    resource: group(2),
    operations: [
      { op: 'replace', path: 'members', value: [member(BABS, 'Babs Jensen'), member(JAMES, 'James Smith')] },
    ],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.3 replace the work address',
    resource: user,
    operations: [
      {
        op: 'replace',
        path: 'addresses[type eq "work"]',
        value: {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
      },
    ],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.3 replace a filtered sub-attribute',
    resource: user,
    operations: [
      { op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' },
    ],
  },
  {
    group: 'RFC 7644',
    name: '§3.5.2.3 replace without path',
    resource: user,
    operations: [
      {
        op: 'replace',
        value: {
          emails: [
            { value: 'bjensen@example.com', type: 'work', primary: true },
            { value: 'babs@jensen.org', type: 'home' },
          ],
          nickName: 'Babs',
        },
      },
    ],
  },
];

/** Membership changes of a 50,000-member group: how much the member list costs. */
export const largeGroup = {
  size: 50_000,
  add: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: BABS }] }],
  remove: [{ op: 'remove', path: `members[value eq "${MEMBER_7}"]` }],
};
