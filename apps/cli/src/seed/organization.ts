import { allLocales, Faker, type LocaleDefinition } from '@faker-js/faker';
import { URN } from '@scimkit/schema';
import { usageError } from '../errors.ts';
import { countryOfLocale, DEPARTMENTS, type DepartmentSpec, PROJECT_CODENAMES } from './catalog.ts';

/** What to generate. */
export interface OrganizationOptions {
  users: number;
  groups: number;
  /** Same seed, same options → the same organisation, byte for byte. */
  seed: number;
  /** A faker locale (`en_US`, `de`, `fr_CA`, …); `-` is accepted for `_`. */
  locale?: string;
  /** Mail domain of every userName; derived from the company name when absent. */
  domain?: string;
}

/** A user to create; `manager` is the index of another planned user. */
export interface PlannedUser {
  resource: Record<string, unknown>;
  manager?: number;
  /** Depth in the hierarchy: 0 for the CEO. Managers always have a smaller level. */
  level: number;
}

/** A group to create, with members as indexes into `users`. */
export interface PlannedGroup {
  resource: Record<string, unknown>;
  kind: 'department' | 'location' | 'project';
  members: number[];
}

/** A generated company. */
export interface Organization {
  company: string;
  domain: string;
  users: PlannedUser[];
  groups: PlannedGroup[];
}

interface Office {
  name: string;
  address: Record<string, string>;
  weight: number;
}

/** Faker locale names, for `--locale` help and errors. */
export function localeNames(): string[] {
  return Object.keys(allLocales).filter((name) => name !== 'base');
}

/**
 * Generates a believable company: a CEO, department heads reporting to the CEO, a manager
 * tree inside each department with realistic spans of control, titles that match each
 * person's place in it, offices with work addresses and phones, employee numbers, a few
 * inactive accounts, and groups per department, office and project. Pure and deterministic:
 * every random choice comes from one faker seeded with `options.seed`.
 */
export function generateOrganization(options: OrganizationOptions): Organization {
  const localeName = (options.locale ?? 'en_US').replace(/-/g, '_');
  const faker = createFaker(localeName);
  faker.seed(options.seed);
  const country = countryOfLocale(localeName) ?? faker.location.countryCode();
  const language = `${localeName.split('_')[0]}-${country}`;

  const company = faker.company.name();
  const domain = options.domain ?? `${slug(company).replace(/\./g, '-') || 'company'}.example`;
  const offices = planOffices(faker, options.users, country);
  const departments = DEPARTMENTS.slice(0, departmentCount(options.users));

  const users: PlannedUser[] = [];
  const departmentOf: number[] = [];
  const officeOf: number[] = [];
  const takenUserNames = new Map<string, number>();
  const pickOffice = weightedPicker(
    faker,
    offices.map((office) => office.weight),
  );

  const addUser = (
    title: string,
    department: DepartmentSpec | undefined,
    manager: number | undefined,
  ): number => {
    const index = users.length;
    const office = index === 0 ? 0 : pickOffice();
    const level = manager === undefined ? 0 : (users[manager]?.level ?? 0) + 1;
    const resource = personResource(faker, {
      index,
      title,
      department,
      office: offices[office]!,
      company,
      domain,
      language,
      takenUserNames,
      // Leaders stay active: an inactive CEO or department head would be an odd demo.
      inactive: level >= 2 && faker.number.float() < 0.04,
    });
    const planned: PlannedUser = { resource, level };
    if (manager !== undefined) planned.manager = manager;
    users.push(planned);
    departmentOf.push(department === undefined ? -1 : DEPARTMENTS.indexOf(department));
    officeOf.push(office);
    return index;
  };

  const ceo = addUser('Chief Executive Officer', undefined, undefined);
  const headcounts = split(
    Math.max(0, options.users - 1),
    departments.map((department) => department.weight),
  );
  // Heads first (level 1), so that every department exists even in a tiny company.
  const heads: (number | undefined)[] = departments.map((department, index) =>
    (headcounts[index] ?? 0) > 0 ? addUser(department.head, department, ceo) : undefined,
  );
  departments.forEach((department, index) => {
    const head = heads[index];
    if (head !== undefined)
      buildDepartment(faker, department, head, (headcounts[index] ?? 1) - 1, addUser, users);
  });

  const groups = planGroups(faker, options.groups, {
    users,
    departments,
    departmentOf,
    offices,
    officeOf,
  });
  return { company, domain, users, groups };
}

function createFaker(localeName: string): Faker {
  const locales = allLocales as Record<string, LocaleDefinition>;
  const primary = locales[localeName];
  if (primary === undefined || localeName === 'base') {
    throw usageError(
      `--locale: expected a faker locale, found ${JSON.stringify(localeName)}.`,
      `Some choices: en_US, en_GB, de, de_AT, fr, fr_CA, es, it, nl, pt_BR, sv, ja. All: ${localeNames().join(', ')}.`,
    );
  }
  const chain: LocaleDefinition[] = [primary];
  const language = localeName.split('_')[0]!;
  if (language !== localeName && locales[language] !== undefined) chain.push(locales[language]);
  chain.push(locales.en!, locales.base!);
  return new Faker({ locale: chain });
}

/** Departments grow with the company: 3 at 10 people, all 12 from about 2,000. */
function departmentCount(users: number): number {
  if (users <= 1) return 0;
  return Math.min(
    DEPARTMENTS.length,
    Math.max(1, Math.min(users - 1, Math.round(1.3 * Math.log2(users) - 1))),
  );
}

function planOffices(faker: Faker, users: number, country: string): Office[] {
  const count = Math.max(1, Math.min(12, Math.round(Math.sqrt(users) / 6)));
  const offices: Office[] = [];
  const cities = new Set<string>();
  for (let index = 0; index < count; index++) {
    let city = faker.location.city();
    for (let attempt = 0; cities.has(city) && attempt < 5; attempt++) city = faker.location.city();
    if (cities.has(city)) city = `${city} ${index + 1}`;
    cities.add(city);
    const streetAddress = faker.location.streetAddress();
    const postalCode = faker.location.zipCode();
    const region = faker.location.state();
    offices.push({
      name: city,
      // Headquarters first and largest; the rest share what is left.
      weight: index === 0 ? Math.max(1, count) : faker.number.int({ min: 1, max: 3 }),
      address: {
        type: 'work',
        formatted: `${streetAddress}\n${postalCode} ${city}\n${country}`,
        streetAddress,
        locality: city,
        region,
        postalCode,
        country,
      },
    });
  }
  return offices;
}

/**
 * Fills a department breadth-first: each manager takes 3–8 direct reports, and everyone is
 * a potential manager until the department runs out of people, so spans and depth stay
 * realistic at any size. Titles follow from the finished tree.
 */
function buildDepartment(
  faker: Faker,
  department: DepartmentSpec,
  head: number,
  size: number,
  addUser: (title: string, department: DepartmentSpec, manager: number) => number,
  users: PlannedUser[],
): void {
  const queue: { index: number; span: number }[] = [
    { index: head, span: faker.number.int({ min: 3, max: 8 }) },
  ];
  const reports = new Map<number, number[]>();
  const members: number[] = [];
  for (let placed = 0; placed < size; placed++) {
    const manager = queue[0]!;
    const index = addUser('', department, manager.index);
    members.push(index);
    const list = reports.get(manager.index) ?? [];
    list.push(index);
    reports.set(manager.index, list);
    if (list.length >= manager.span) queue.shift();
    queue.push({ index, span: faker.number.int({ min: 3, max: 8 }) });
  }
  for (const index of members) {
    const direct = reports.get(index) ?? [];
    const managesManagers = direct.some((report) => reports.has(report));
    let title: string;
    if (managesManagers) title = department.director;
    else if (direct.length > 0) title = department.manager;
    else
      title = faker.helpers.weightedArrayElement(
        department.roles.map((role, rank) => ({ value: role, weight: department.roles.length - rank })),
      );
    users[index]!.resource.title = title;
  }
}

interface PersonContext {
  index: number;
  title: string;
  department: DepartmentSpec | undefined;
  office: Office;
  company: string;
  domain: string;
  language: string;
  takenUserNames: Map<string, number>;
  inactive: boolean;
}

function personResource(faker: Faker, context: PersonContext): Record<string, unknown> {
  const sex = faker.person.sexType();
  const givenName = faker.person.firstName(sex);
  const familyName = faker.person.lastName(sex);
  const employeeNumber = String(100001 + context.index);
  const local =
    [slug(givenName), slug(familyName)].filter((part) => part !== '').join('.') ||
    `employee${employeeNumber}`;
  // Work emails equal userNames; namesakes get a number, as mail systems do.
  const seen = context.takenUserNames.get(local) ?? 0;
  context.takenUserNames.set(local, seen + 1);
  const userName = `${seen === 0 ? local : `${local}${seen + 1}`}@${context.domain}`;
  const phoneNumbers: Record<string, unknown>[] = [
    { type: 'work', value: faker.phone.number({ style: 'international' }), primary: true },
  ];
  if (faker.number.float() < 0.6)
    phoneNumbers.push({ type: 'mobile', value: faker.phone.number({ style: 'international' }) });
  const enterprise: Record<string, unknown> = {
    employeeNumber,
    organization: context.company,
    department: context.department?.name ?? 'Executive',
    costCenter: context.department?.costCenter ?? 'CC-0001',
  };
  return {
    schemas: [URN.User, URN.EnterpriseUser],
    externalId: faker.string.uuid(),
    userName,
    name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
    displayName: `${givenName} ${familyName}`,
    title: context.title,
    userType: 'Employee',
    preferredLanguage: context.language,
    locale: context.language,
    active: !context.inactive,
    emails: [{ type: 'work', value: userName, primary: true }],
    phoneNumbers,
    addresses: [{ ...context.office.address, primary: true }],
    [URN.EnterpriseUser]: enterprise,
  };
}

interface GroupContext {
  users: PlannedUser[];
  departments: readonly DepartmentSpec[];
  departmentOf: number[];
  offices: Office[];
  officeOf: number[];
}

/**
 * Groups as directories have them: one per department and per office (everyone in it), then
 * project teams of 3 to ~60 people drawn from two or three departments. With fewer groups
 * requested than departments and offices, both kinds are cut in proportion.
 */
function planGroups(faker: Faker, count: number, context: GroupContext): PlannedGroup[] {
  const { users, departments, departmentOf, offices, officeOf } = context;
  if (count === 0 || users.length === 0) return [];
  const structural = departments.length + (offices.length > 1 ? offices.length : 0);
  const departmentGroups =
    structural <= count ? departments.length : Math.round((count * departments.length) / structural);
  const officeGroups = Math.min(offices.length > 1 ? offices.length : 0, count - departmentGroups);
  const groups: PlannedGroup[] = [];
  const group = (displayName: string, kind: PlannedGroup['kind'], members: number[]): void => {
    groups.push({
      resource: { schemas: [URN.Group], externalId: faker.string.uuid(), displayName },
      kind,
      members,
    });
  };
  departments.slice(0, departmentGroups).forEach((department) => {
    const catalogIndex = DEPARTMENTS.indexOf(department);
    group(
      department.name,
      'department',
      indexesWhere(departmentOf, (value) => value === catalogIndex),
    );
  });
  offices.slice(0, officeGroups).forEach((office, officeIndex) => {
    group(
      `Office ${office.name}`,
      'location',
      indexesWhere(officeOf, (value) => value === officeIndex),
    );
  });
  const byDepartment = departments.map((department) => {
    const catalogIndex = DEPARTMENTS.indexOf(department);
    return indexesWhere(departmentOf, (value) => value === catalogIndex);
  });
  for (let project = 0; groups.length < count; project++) {
    const codename = PROJECT_CODENAMES[project % PROJECT_CODENAMES.length]!;
    const round = Math.floor(project / PROJECT_CODENAMES.length);
    const name = `Project ${codename}${round === 0 ? '' : ` ${round + 1}`}`;
    // Most projects are small teams; a few are large programmes (a long-tailed size).
    const wanted = Math.min(users.length, Math.round(3 + 57 * faker.number.float() ** 3));
    const pools = faker.helpers.arrayElements(
      byDepartment.filter((pool) => pool.length > 0),
      { min: 1, max: Math.min(3, byDepartment.length) },
    );
    const pool = pools.length === 0 ? users.map((_, index) => index) : pools.flat();
    const members = faker.helpers.arrayElements(pool, Math.min(wanted, pool.length));
    group(
      name,
      'project',
      members.sort((a, b) => a - b),
    );
  }
  return groups;
}

function indexesWhere(values: readonly number[], predicate: (value: number) => boolean): number[] {
  const result: number[] = [];
  values.forEach((value, index) => {
    if (predicate(value)) result.push(index);
  });
  return result;
}

/** Splits `total` into parts proportional to `weights`, largest remainders first. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left-- <= 0) break;
    parts[index]! += 1;
  }
  return parts;
}

function weightedPicker(faker: Faker, weights: readonly number[]): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let pick = faker.number.float() * total;
    for (let index = 0; index < weights.length; index++) {
      pick -= weights[index]!;
      if (pick < 0) return index;
    }
    return weights.length - 1;
  };
}

/** `Zoë O'Brien-Łukasz` → `zoeobrien-lukasz`-style ASCII for mail local parts and domains. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
