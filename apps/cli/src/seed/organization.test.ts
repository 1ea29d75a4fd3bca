import { URN } from '@scimkit/schema';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { generateOrganization } from './organization.ts';

const enterprise = (resource: Record<string, unknown>) =>
  resource[URN.EnterpriseUser] as Record<string, unknown>;

describe('generateOrganization', () => {
  const org = generateOrganization({ users: 1500, groups: 30, seed: 42 });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateOrganization({ users: 1500, groups: 30, seed: 42 })).toEqual(org);
    const other = generateOrganization({ users: 1500, groups: 30, seed: 43 });
    expect(other.users.map((user) => user.resource.userName)).not.toEqual(
      org.users.map((user) => user.resource.userName),
    );
  });

  it('gives every user but the CEO a manager who sits higher in the same organisation', () => {
    const withoutManager = org.users.filter((user) => user.manager === undefined);
    expect(withoutManager).toHaveLength(1);
    expect(withoutManager[0]?.resource.title).toBe('Chief Executive Officer');
    for (const user of org.users) {
      if (user.manager === undefined) continue;
      const manager = org.users[user.manager];
      expect(manager).toBeDefined();
      expect(manager!.level).toBe(user.level - 1);
    }
  });

  it('keeps spans of control realistic and titles consistent with the tree', () => {
    const reports = new Map<number, number>();
    for (const user of org.users)
      if (user.manager !== undefined) reports.set(user.manager, (reports.get(user.manager) ?? 0) + 1);
    for (const [manager, count] of reports) {
      if (manager === 0) continue;
      expect(count).toBeLessThanOrEqual(8);
    }
    const managers = org.users.filter((_, index) => reports.has(index));
    const individuals = org.users.filter((_, index) => !reports.has(index));
    expect(individuals.length / org.users.length).toBeGreaterThan(0.6);
    expect(
      individuals.some(
        (user) => /Manager|Director|Chief|VP/.test(String(user.resource.title)) && user.level < 2,
      ),
    ).toBe(false);
    expect(managers.every((user) => user.resource.title !== '')).toBe(true);
  });

  it('makes userNames unique work emails and gives everyone an address, a phone and an employee number', () => {
    const userNames = org.users.map((user) => String(user.resource.userName).toLowerCase());
    expect(new Set(userNames).size).toBe(userNames.length);
    const numbers = new Set<unknown>();
    for (const { resource } of org.users) {
      expect(resource.userName).toMatch(new RegExp(`^[a-z0-9.-]+@${org.domain.replace(/\./g, '\\.')}$`));
      expect(resource.emails).toEqual([{ type: 'work', value: resource.userName, primary: true }]);
      expect((resource.addresses as { type: string; locality: string }[])[0]).toMatchObject({ type: 'work' });
      expect((resource.phoneNumbers as { type: string }[])[0]).toMatchObject({ type: 'work' });
      numbers.add(enterprise(resource).employeeNumber);
      expect(enterprise(resource).department).toEqual(expect.any(String));
    }
    expect(numbers.size).toBe(org.users.length);
  });

  it('leaves a few users inactive, never the leadership', () => {
    const inactive = org.users.filter((user) => user.resource.active === false);
    expect(inactive.length).toBeGreaterThan(15);
    expect(inactive.length).toBeLessThan(150);
    expect(inactive.every((user) => user.level >= 2)).toBe(true);
  });

  it('creates groups per department, office and project with unique names and plausible sizes', () => {
    expect(org.groups).toHaveLength(30);
    const names = org.groups.map((group) => String(group.resource.displayName).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const kinds = new Set(org.groups.map((group) => group.kind));
    expect(kinds).toEqual(new Set(['department', 'location', 'project']));
    const engineering = org.groups.find((group) => group.resource.displayName === 'Engineering')!;
    const engineers = org.users.filter((user) => enterprise(user.resource).department === 'Engineering');
    expect(engineering.members).toHaveLength(engineers.length);
    for (const group of org.groups.filter((candidate) => candidate.kind === 'project')) {
      expect(group.members.length).toBeGreaterThanOrEqual(3);
      expect(group.members.length).toBeLessThanOrEqual(60);
      expect(new Set(group.members).size).toBe(group.members.length);
    }
    const offices = org.groups.filter((group) => group.kind === 'location');
    expect(offices.reduce((sum, group) => sum + group.members.length, 0)).toBe(org.users.length);
  });

  it('handles a one-person company and tiny group counts', () => {
    const solo = generateOrganization({ users: 1, groups: 2, seed: 1 });
    expect(solo.users).toHaveLength(1);
    expect(solo.users[0]?.manager).toBeUndefined();
    const small = generateOrganization({ users: 12, groups: 2, seed: 1 });
    expect(small.groups).toHaveLength(2);
    expect(small.users.filter((user) => user.manager === undefined)).toHaveLength(1);
  });

  it('uses the locale for names and the country of addresses, and ASCII userNames', () => {
    const german = generateOrganization({ users: 200, groups: 0, seed: 5, locale: 'de' });
    const address = (german.users[0]!.resource.addresses as { country: string }[])[0]!;
    expect(address.country).toBe('DE');
    expect(german.users[0]!.resource.preferredLanguage).toBe('de-DE');
    for (const user of german.users) expect(user.resource.userName).toMatch(/^[\x20-\x7e]+$/);
    const japanese = generateOrganization({ users: 20, groups: 0, seed: 5, locale: 'ja' });
    for (const user of japanese.users) expect(user.resource.userName).toMatch(/^[a-z0-9.-]+@/);
  });

  it('rejects an unknown locale with a usage error listing choices', () => {
    expect(() => generateOrganization({ users: 5, groups: 0, seed: 1, locale: 'xx_YY' })).toThrowError(
      CliError,
    );
    expect(() => generateOrganization({ users: 5, groups: 0, seed: 1, locale: 'xx_YY' })).toThrowError(
      '--locale: expected a faker locale, found "xx_YY".',
    );
  });
});
