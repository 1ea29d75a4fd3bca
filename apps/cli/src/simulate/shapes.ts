import type { Dialect } from './fixtures.ts';

/**
 * The request shapes of a simulated provisioning cycle, as named in the report. A dialect in
 * brackets marks shapes that differ between Entra's default and compliant dialects.
 */
export const SHAPES = {
  probeUsers: 'probe users (Test Connection)',
  probeGroups: 'probe groups (Test Connection)',
  probeTrailingSlash: 'probe users, trailing slash',
  probeUnknownParameter: 'probe users, ?aadOptscim062020',
  badToken: 'reject missing or wrong token (401)',
  serviceProviderConfig: 'GET /ServiceProviderConfig',
  schemas: 'GET /Schemas',
  resourceTypes: 'GET /ResourceTypes',

  lookupUserName: 'lookup userName before create',
  lookupExternalId: 'lookup externalId before create',
  lookupExternalIdUnquoted: 'lookup externalId, unquoted',
  createUser: (dialect: Dialect): string => `create user [${dialect}]`,
  createUserCustom: (dialect: Dialect): string => `create user, custom extension [${dialect}]`,
  lookupAfterCreate: 'lookup userName after create',
  createDuplicate: 'create duplicate userName (409)',
  createMalformed: 'create malformed JSON (400)',
  createWithoutUserName: 'create without userName (400)',

  updateUser: (dialect: Dialect): string => `update user [${dialect}]`,
  updateUserPathlessAdd: 'update user, path-less add [compliant]',
  addWorkEmail: (dialect: Dialect): string => `add missing work email [${dialect}]`,
  updateCustomExtension: 'update custom extension',
  clearAttributes: (dialect: Dialect): string => `clear attributes [${dialect}]`,
  emptyPatch: 'empty PATCH',
  renameUser: (dialect: Dialect): string => `rename userName [${dialect}]`,
  lookupAfterRename: 'lookup userName after rename',
  renameToTaken: 'rename to a taken userName (409)',
  queryWorkEmail: 'filter emails[type eq "work"].value',
  queryMalformedFilter: 'malformed filter (400)',
  queryPaging: 'paging with startIndex and count',
  queryAttributes: 'attributes=userName,emails',

  setManager: (form: number): string =>
    ['set manager, bare id', 'set manager, {"value": id}', 'set manager, legacy path'][form] ?? 'set manager',
  managerPrecheck: 'manager pre-check filter',
  changeManager: 'change manager',
  removeManager: (dialect: Dialect): string =>
    dialect === 'default' ? 'remove manager [default]' : 'remove manager, empty value [compliant]',
  readUser: 'GET user',

  disable: (form: string): string => `disable, ${form}`,
  readDisabledUser: 'GET disabled user',
  lookupDisabledUser: 'lookup disabled user',
  enableUser: 're-enable user',

  lookupGroup: 'lookup group before create',
  createGroup: 'create group',
  lookupGroupAfterCreate: 'lookup group after create',
  createDuplicateGroup: 'create duplicate group (409)',
  addMember: 'add member',
  addMembers: 'add members, many',
  addExistingMember: 'add existing member',
  membershipProbe: 'membership probe',
  removeMembersByValue: 'remove members by value [default]',
  removeMembersByFilter: 'remove members[value eq] [compliant]',
  renameGroup: (dialect: Dialect): string => `rename group [${dialect}]`,
  lookupGroupAfterRename: 'lookup group after rename',
  readGroupWithoutMembers: 'GET group, excludedAttributes=members',
  removeAllMembers: 'remove all members',
  readGroup: 'GET group',
  deleteGroup: 'delete group',
  readDeletedGroup: 'GET deleted group (404)',

  deleteUser: 'delete user',
  readDeletedUser: 'GET deleted user (404)',
  lookupDeletedUser: 'lookup deleted user',
  readReportOfDeletedManager: 'GET report of a deleted manager',
} as const;

const DIALECTS: readonly Dialect[] = ['default', 'compliant'];
const DISABLE_FORM_NAMES = [
  'Replace "False"',
  'Replace false',
  'replace "false"',
  'Add "False"',
  'path-less',
  'with an unknown attribute',
];

/** Every shape name in scenario order: the report lists shapes this way, whatever ran first. */
export const SHAPE_ORDER: readonly string[] = Object.values(SHAPES).flatMap((shape): string[] => {
  if (typeof shape === 'string') return [shape];
  if (shape === SHAPES.setManager) return [0, 1, 2].map((form) => SHAPES.setManager(form));
  if (shape === SHAPES.disable) return DISABLE_FORM_NAMES.map((form) => SHAPES.disable(form));
  return DIALECTS.map((dialect) => (shape as (dialect: Dialect) => string)(dialect));
});
