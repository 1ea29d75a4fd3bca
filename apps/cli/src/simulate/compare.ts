import { enterprise, expectAttribute, field, typedValue } from './checks.ts';
import { CUSTOM_EXTENSION, type SimUser } from './fixtures.ts';

/** Every attribute the simulator has set, as Entra would compare it on its next read. */
export function compareUser(resource: unknown, user: SimUser): string[] {
  const problems = [
    ...expectAttribute(
      resource,
      'userName',
      String(field(resource, 'userName') ?? '').toLowerCase(),
      user.userName.toLowerCase(),
    ),
    ...expectAttribute(resource, 'active', field(resource, 'active'), user.active),
    ...expectAttribute(resource, 'displayName', field(resource, 'displayName'), user.displayName),
    ...expectAttribute(
      resource,
      'name.givenName',
      field(field(resource, 'name'), 'givenName'),
      user.givenName,
    ),
    ...expectAttribute(
      resource,
      'name.familyName',
      field(field(resource, 'name'), 'familyName'),
      user.familyName,
    ),
    ...expectAttribute(
      resource,
      'name.formatted',
      field(field(resource, 'name'), 'formatted'),
      user.formatted,
    ),
    ...expectAttribute(resource, 'title', field(resource, 'title'), user.title),
    ...expectAttribute(
      resource,
      'emails[type eq "work"].value',
      typedValue(resource, 'emails', 'work'),
      user.workEmail,
    ),
    ...expectAttribute(
      resource,
      'addresses[type eq "work"].postalCode',
      typedValue(resource, 'addresses', 'work', 'postalCode'),
      user.postalCode,
    ),
    ...expectAttribute(
      resource,
      'enterprise department',
      field(enterprise(resource), 'department'),
      user.department,
    ),
    ...expectAttribute(
      resource,
      'enterprise employeeNumber',
      field(enterprise(resource), 'employeeNumber'),
      user.employeeNumber,
    ),
  ];
  for (const phone of user.phones) {
    problems.push(
      ...expectAttribute(
        resource,
        `phoneNumbers[type eq "${phone.type}"].value`,
        typedValue(resource, 'phoneNumbers', phone.type),
        phone.value,
      ),
    );
  }
  if (user.custom !== undefined) {
    problems.push(
      ...expectAttribute(
        resource,
        `${CUSTOM_EXTENSION}:costCode`,
        field(field(resource, CUSTOM_EXTENSION), 'costCode'),
        user.custom,
      ),
    );
  }
  const manager = field(enterprise(resource), 'manager');
  if (user.manager === undefined) {
    if (manager !== undefined && manager !== null && field(manager, 'value') !== undefined) {
      problems.push(`expected no manager, got ${JSON.stringify(manager)}`);
    }
  } else if (typeof manager === 'string') {
    problems.push('manager came back as a string: Entra needs {"value": "<id>"} and fails to read the user');
  } else if (field(manager, 'value') !== user.manager) {
    problems.push(
      `expected manager {"value": ${JSON.stringify(user.manager)}}, got ${JSON.stringify(manager)}`,
    );
  }
  return problems;
}
