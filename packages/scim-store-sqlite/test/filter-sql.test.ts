import { type Filter, parseDateTime } from '@scimkit/filter';
import { createRegistry } from '@scimkit/schema';
import { entraGroup, entraUser } from '@scimkit/test-utils';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantSql } from '../src/_internal/datetime-sql.ts';
import { compileFilterSql } from '../src/_internal/filter-sql.ts';
import { migrate } from '../src/_internal/migrations.ts';
import { SqlParams } from '../src/_internal/sql-text.ts';
import { betterSqlite3Driver } from '../src/drivers/better-sqlite3.ts';
import { createSqliteStore } from '../src/entries/node.ts';

function compile(filter: Filter, resourceType = 'User'): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const text = compileFilterSql(filter, {
    registry: createRegistry(),
    resourceType,
    params,
    row: 'r',
    tenantPk: 1,
  });
  return params.finish(text);
}

const eq = (attribute: string, value: string): Filter => ({
  type: 'comparison',
  path: { attribute },
  operator: 'eq',
  value,
});

describe('compiling hand-built filter ASTs', () => {
  it('binds every value as a parameter, never as SQL text', () => {
    const hostile = `x' OR 1=1; DROP TABLE resources; --`;
    const { sql, params } = compile(eq('title', hostile));
    expect(sql).not.toContain('DROP');
    expect(params).toContain(hostile.toLowerCase());
  });

  it('answers userName, externalId, id and displayName from their columns', () => {
    expect(compile(eq('userName', 'Ann')).sql).toBe('r.name_key = ?');
    expect(compile(eq('userName', 'Ann')).params).toEqual(['ann']);
    expect(compile(eq('externalId', 'Ann'))).toEqual({ sql: 'r.external_id = ?', params: ['Ann'] });
    expect(compile(eq('id', 'x')).sql).toBe('r.id = ?');
    expect(compile(eq('displayName', 'Sales'), 'Group').sql).toBe('r.name_key = ?');
    expect(compile(eq('displayName', 'Ann'), 'User').sql).toBe(
      `lower(json_extract((CASE r.folded WHEN '' THEN r.doc ELSE r.folded END), '$."displayName"')) = ?`,
    );
  });

  it('writes not as IS NOT 1, so that a missing attribute (NULL) counts as false', () => {
    const { sql } = compile({ type: 'not', filter: eq('title', 'x') });
    expect(sql).toBe(
      `(lower(json_extract((CASE r.folded WHEN '' THEN r.doc ELSE r.folded END), '$."title"')) = ?) IS NOT 1`,
    );
  });

  it('matches nothing for a path the schema does not define', () => {
    expect(compile(eq('favoriteColor', 'blue')).sql).toBe('0');
    expect(compile({ type: 'present', path: { attribute: 'name', subAttribute: 'nope' } }).sql).toBe('0');
  });

  it('tests the elements of a multi-valued attribute with json_each, and primes it with the email index', () => {
    const filter: Filter = {
      type: 'valuePath',
      path: { attribute: 'emails' },
      filter: { type: 'and', left: eq('type', 'work'), right: eq('value', 'A@X.com') },
    };
    const { sql, params } = compile(filter);
    expect(sql).toContain('r.pk IN (SELECT resource FROM email_index WHERE tenant = ? AND value = ?)');
    expect(sql).toContain(`json_each((CASE r.folded WHEN '' THEN r.doc ELSE r.folded END), '$."emails"')`);
    expect(params.slice(0, 2)).toEqual([1, 'a@x.com']);
  });

  it('reads members and groups from the members table', () => {
    expect(compile(eq('members', 'U1'), 'Group').sql).toContain('FROM members AS m');
    expect(compile({ type: 'present', path: { attribute: 'groups' } }).sql).toContain('FROM members AS m');
  });

  it('keeps a chain of 5,000 "or" terms under SQLite’s expression depth limit of 1,000', () => {
    let filter: Filter = eq('userName', 'u0');
    for (let index = 1; index < 5000; index++)
      filter = { type: 'or', left: filter, right: eq('userName', `u${index}`) };
    const { sql, params } = compile(filter);
    const driver = betterSqlite3Driver(new Database(':memory:'));
    migrate(driver);
    const row = driver
      .prepare(`SELECT count(*) AS n FROM resources AS r WHERE ${sql}`)
      .get(...(params as string[]));
    expect(row).toEqual({ n: 0 });
    driver.close();
  });
});

describe('dateTime in SQL', () => {
  const db = new Database(':memory:');
  const statement = db.prepare(`SELECT ${instantSql('?')} AS ms`);
  const instant = (text: string): number | null => (statement.get(text) as { ms: number | null }).ms;

  it('gives the instant parseDateTime gives, or NULL where it gives NaN', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const candidate = fc
      .tuple(
        digits(4),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('T', 't', ' '),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('', '.', '.5', '.123', '.1234567', '.x'),
        fc.constantFrom('', 'Z', 'z', '+02:00', '-05:30', '+14:00', '+15:00', '-00:61', '+0200', 'ZZ'),
      )
      .map(
        ([year, month, day, separator, hour, minute, second, fraction, zone]) =>
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}${separator}${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}${fraction}${zone}`,
      );
    fc.assert(
      fc.property(fc.oneof(candidate, fc.string({ maxLength: 30 })), (text) => {
        const expected = parseDateTime(text);
        expect(instant(text), text).toBe(Number.isNaN(expected) ? null : expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('treats a number or a missing value as no instant', () => {
    expect((db.prepare(`SELECT ${instantSql('NULL')} AS ms`).get() as { ms: unknown }).ms).toBeNull();
    expect((db.prepare(`SELECT ${instantSql('20200101')} AS ms`).get() as { ms: unknown }).ms).toBeNull();
  });
});

describe("Entra's lookups are index seeks", () => {
  it('plans every hot lookup as a SEARCH on an index, never a SCAN of the tenant', async () => {
    const store = createSqliteStore({ filename: ':memory:' });
    await store.createTenant({ name: 'Acme' });
    const ctx = { tenantId: 'acme' };
    const [ann] = await store.createMany(ctx, 'User', [entraUser('ann.lee'), entraUser('bob.ray')]);
    const group = await store.create(ctx, 'Group', entraGroup('Sales', { members: [{ value: ann!.id }] }));
    const lookups: [string, string, string][] = [
      ['User', 'userName eq "ann.lee@contoso.com"', 'resources_by_name'],
      ['User', 'externalId eq "ann.lee"', 'resources_by_external_id'],
      ['User', 'externalId eq ann.lee', 'resources_by_external_id'],
      ['User', `id eq "${ann!.id}"`, 'sqlite_autoindex_resources_1'],
      ['User', 'emails[type eq "work"].value eq "ann.lee@contoso.com"', 'email_index'],
      ['User', `id eq "${ann!.id}" and manager eq "x"`, 'sqlite_autoindex_resources_1'],
      ['Group', 'displayName eq "Sales"', 'resources_by_name'],
      ['Group', 'externalId eq "sales"', 'resources_by_external_id'],
      ['Group', `id eq "${group.id}" and members eq "${ann!.id}"`, 'sqlite_autoindex_resources_1'],
    ];
    for (const [type, filter, index] of lookups) {
      const plan = await store.explainQuery(ctx, type, { filter, excludeMembers: true });
      expect(plan.join('\n'), filter).toContain(index);
      expect(
        plan.some((line) => /^SCAN r\b/.test(line)),
        `${filter}: ${plan.join(' | ')}`,
      ).toBe(false);
    }
    const probe = await store.explainQuery(ctx, 'Group', {
      filter: `id eq "${group.id}" and members eq "${ann!.id}"`,
    });
    expect(probe.join('\n')).toMatch(/members_by_member|PRIMARY KEY/);
    await store.close();
  });
});
