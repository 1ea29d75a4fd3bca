/**
 * The fixed benchmark corpus: Entra's lookups (ENTRA.md), RFC 7644 §3.4.2.2 examples and
 * other complex filters, and deterministic users to evaluate them on.
 */

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** What Entra sends, in the form it sends it. */
export const ENTRA_FILTERS = [
  'userName eq "7fce0092-d52e-4f76-b727-3955bd72c939"',
  'userName eq "user17@contoso.com"',
  'externalId eq "user17"',
  'displayName eq "Sales"',
  'id eq "00000000-0000-4000-8000-000000000011" and manager eq "00000000-0000-4000-8000-000000000002"',
  'id eq "g1" and members eq "00000000-0000-4000-8000-000000000011"',
  'emails[type eq "work"].value eq "user17@contoso.com"',
];

/** Everything else clients and Microsoft's validator send. */
export const COMPLEX_FILTERS = [
  'userType eq "Employee" and (emails co "example.com" or emails.value co "contoso.com")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "contoso.com")',
  'userType eq "Employee" and emails[type eq "work" and value co "@contoso.com"]',
  'emails[type eq "work" and value co "@contoso.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  `${ENTERPRISE}:department eq "Sales" and active eq true`,
  'meta.lastModified gt "2011-05-13T04:42:34Z" and meta.lastModified lt "2030-01-01T00:00:00Z"',
  'title pr and (userType eq "Employee" or userType eq "Intern") and not (name.familyName sw "O")',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "user1"',
  'name.familyName co "Malley" or (name.givenName sw "A" and active eq false)',
];

export const ALL_FILTERS = [...ENTRA_FILTERS, ...COMPLEX_FILTERS];

// mulberry32: the same users on every run and every runtime.
function random(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Grace', 'Heidi'];
const FAMILY = ["O'Malley", 'Smith', 'Jones', 'Nguyen', 'Garcia', 'Müller'];
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Support'];
const TYPES = ['Employee', 'Intern', 'Contractor'];

function id(n) {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** `count` users shaped like the ones Entra provisions. */
export function users(count) {
  const next = random(7);
  const pick = (list) => list[Math.floor(next() * list.length)];
  return Array.from({ length: count }, (_, n) => {
    const givenName = pick(GIVEN);
    const familyName = pick(FAMILY);
    const emails = [{ type: 'work', value: `user${n}@contoso.com`, primary: true }];
    if (next() < 0.5) emails.push({ type: 'home', value: `${givenName.toLowerCase()}${n}@example.com` });
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      id: id(n),
      externalId: `user${n}`,
      userName: `user${n}@contoso.com`,
      displayName: `${givenName} ${familyName}`,
      name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
      title: next() < 0.7 ? 'Engineer' : '',
      userType: pick(TYPES),
      active: next() < 0.9,
      emails,
      meta: {
        resourceType: 'User',
        created: '2011-05-13T04:42:34Z',
        lastModified: `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-13T04:42:34Z`,
      },
      [ENTERPRISE]: { department: pick(DEPARTMENTS), manager: { value: id(Math.floor(next() * 10)) } },
    };
  });
}
