/** Entra-shaped request bodies (ENTRA.md), for tests and benchmarks of any backend. */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CUSTOM_EXTENSION = 'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User';

/** A user as Entra's provisioning client creates it: strings for booleans, nulls for unmapped attributes. */
export function entraUser(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const [given = name, family = 'Tester'] = name.split('.');
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    externalId: name,
    userName: `${name}@contoso.com`,
    active: 'True',
    displayName: `${capitalise(given)} ${capitalise(family)}`,
    title: null,
    preferredLanguage: 'en-US',
    name: {
      givenName: capitalise(given),
      familyName: capitalise(family),
      formatted: `${capitalise(given)} ${capitalise(family)}`,
    },
    emails: [{ type: 'work', value: `${name}@contoso.com`, primary: true }],
    addresses: [{ type: 'work', locality: 'Springfield', country: 'US', postalCode: '62701' }],
    phoneNumbers: [{ type: 'work', value: '+1 555 0100' }],
    roles: [],
    meta: { resourceType: 'User' },
    [ENTERPRISE]: { employeeNumber: `E-${name.length}`, department: 'Sales' },
    ...overrides,
  };
}

/** A group as Entra creates it: never with members. */
export function entraGroup(
  displayName: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
    externalId: displayName.toLowerCase().replace(/\s+/g, '-'),
    displayName,
    meta: { resourceType: 'Group' },
    ...overrides,
  };
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
