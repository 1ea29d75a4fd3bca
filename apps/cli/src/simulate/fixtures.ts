import { URN } from '@scimkit/schema';

/** Entra's two PATCH dialects (ENTRA.md): 2018 default and the 2020 "compliant" one. */
export type Dialect = 'default' | 'compliant';

/** The custom extension the simulator maps, as an Entra admin would. */
export const CUSTOM_EXTENSION = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

/** What the simulator believes a user looks like on the server right now. */
export interface SimUser {
  index: number;
  dialect: Dialect;
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
  formatted: string | undefined;
  displayName: string;
  title: string | undefined;
  department: string;
  employeeNumber: string;
  workEmail: string | undefined;
  phones: { type: string; value: string }[];
  postalCode: string;
  custom: string | undefined;
  active: boolean;
  /** Its create was sent: it may exist on the server even if the answer never arrived. */
  sent?: boolean;
  id?: string;
  manager?: string | undefined;
  deleted: boolean;
}

/** What the simulator believes a group looks like. */
export interface SimGroup {
  index: number;
  dialect: Dialect;
  displayName: string;
  externalId: string;
  sent?: boolean;
  id?: string;
  members: Set<string>;
  deleted: boolean;
}

const GIVEN = [
  'Adele',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Elif',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kaia',
  'Luis',
];
const FAMILY = [
  'Vance',
  "O'Neil",
  'Müller',
  'Nakamura',
  'da Silva',
  'Kowalski',
  'Okafor',
  'Lindqvist',
  'Haddad',
  'Petrov',
];
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Legal', 'Marketing'];

/** Builds the run's users; `runId` keeps names unique across runs against one endpoint. */
export function simUsers(count: number, runId: string, dialects: readonly Dialect[]): SimUser[] {
  return Array.from({ length: count }, (_, index) => {
    const givenName = GIVEN[index % GIVEN.length]!;
    const familyName = FAMILY[(index * 7) % FAMILY.length]!;
    const userName = `sim-${runId}-${index}@simulate.example`;
    return {
      index,
      dialect: dialects[index % dialects.length]!,
      userName,
      externalId: `sim-${runId}-ext-${index}`,
      givenName,
      familyName,
      formatted: `${givenName} ${familyName}`,
      displayName: `${givenName} ${familyName}`,
      title: index % 2 === 0 ? 'Account Executive' : 'Software Engineer',
      department: DEPARTMENTS[index % DEPARTMENTS.length]!,
      employeeNumber: `E${String(10_000 + index)}`,
      // Every fifth user has no work email: a later PATCH must create it through a filtered path.
      workEmail: index % 5 === 4 ? undefined : userName,
      // Formatted as an admin typed them: a server must store them as sent, never reformat.
      phones: [
        { type: 'work', value: `+1 (425) 555-${String(1000 + index).slice(-4)}` },
        { type: 'mobile', value: `+44 20 7946 ${String(1000 + index).slice(-4)}` },
      ],
      postalCode: '98052',
      custom: index % 3 === 0 ? `CC-${4700 + index}` : undefined,
      active: true,
      deleted: false,
    };
  });
}

/** Builds the run's groups. */
export function simGroups(count: number, runId: string, dialects: readonly Dialect[]): SimGroup[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    dialect: dialects[index % dialects.length]!,
    displayName: `Sim ${runId} Group ${index}`,
    externalId: `sim-${runId}-group-${index}`,
    members: new Set<string>(),
    deleted: false,
  }));
}

/**
 * A user create as Entra sends it: core + enterprise schemas, `active` as the string "True"
 * in the default dialect, unmapped attributes as `null`, `roles: []`, `meta.resourceType`, and
 * (for some users) a custom extension nested under its URN without listing it in `schemas`.
 */
export function createUserBody(user: SimUser): Record<string, unknown> {
  const body: Record<string, unknown> = {
    schemas: [URN.User, URN.EnterpriseUser],
    externalId: user.externalId,
    userName: user.userName,
    active: user.dialect === 'default' ? 'True' : true,
    displayName: user.displayName,
    title: user.title,
    preferredLanguage: 'en-US',
    name: { givenName: user.givenName, familyName: user.familyName, formatted: user.formatted },
    addresses: [
      {
        type: 'work',
        formatted: `1 Microsoft Way\nRedmond, WA ${user.postalCode}\nUS`,
        streetAddress: '1 Microsoft Way',
        locality: 'Redmond',
        region: 'WA',
        postalCode: user.postalCode,
        country: 'US',
        primary: false,
      },
    ],
    phoneNumbers: user.phones.map((phone) => ({ ...phone })),
    roles: [],
    meta: { resourceType: 'User' },
    [URN.EnterpriseUser]: { employeeNumber: user.employeeNumber, department: user.department },
  };
  if (user.workEmail !== undefined) body.emails = [{ type: 'work', value: user.workEmail, primary: true }];
  if (user.dialect === 'default') body.nickName = null;
  if (user.custom !== undefined) body[CUSTOM_EXTENSION] = { costCode: user.custom };
  return body;
}

/** A group create as Entra sends it: never with members; the Microsoft schema URN included. */
export function createGroupBody(group: SimGroup): Record<string, unknown> {
  return {
    schemas: [URN.Group, URN.MicrosoftGroup],
    externalId: group.externalId,
    displayName: group.displayName,
    meta: { resourceType: 'Group' },
  };
}

/** The op name as each dialect spells it: `Replace` (default) or `replace` (compliant). */
export function opName(dialect: Dialect, name: 'add' | 'replace' | 'remove'): string {
  return dialect === 'default' ? `${name[0]!.toUpperCase()}${name.slice(1)}` : name;
}

/** An RFC 7644 §3.5.2 PatchOp body. */
export function patchBody(operations: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [URN.PatchOp], Operations: operations };
}

/** The Content-Type Entra puts on a body: it varies, and all of them must be accepted. */
export function contentTypeFor(index: number): string {
  return ['application/scim+json; charset=utf-8', 'application/scim+json', 'application/json'][index % 3]!;
}
