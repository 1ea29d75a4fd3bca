import { describeProblem, describeValue, ScimError, type Tenant } from '@scimkit/schema';
import type { Db } from './db.ts';
import { classifySqliteError } from './sqlite-error.ts';

/** A tenant row; `pk` is the compact key every other table uses. */
export interface TenantRow {
  pk: number;
  id: string;
  name: string;
  created_at: string;
  schema_version: number;
}

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

function toTenant(row: TenantRow): Tenant {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/** A URL-safe id from a display name: "Contoso Ltd." → "contoso-ltd". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export function createTenant(db: Db, input: { name: string; id?: string }, now: string): Tenant {
  const name = typeof input?.name === 'string' ? input.name.trim() : '';
  if (name === '') {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The tenant cannot be created',
        expected: 'a non-empty name',
        found: describeValue(input?.name),
      }),
    );
  }
  const id = input.id ?? slugify(name);
  if (!TENANT_ID.test(id)) {
    throw ScimError.invalidValue(
      describeProblem({
        failed: 'The tenant cannot be created',
        expected:
          'an id of lower-case letters, digits and dashes, starting with a letter or digit, at most 63 long',
        found: describeValue(id),
        example: '"contoso"',
      }),
    );
  }
  try {
    db.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', id, name, now);
  } catch (error) {
    if (classifySqliteError(error) === 'unique') {
      throw ScimError.uniqueness(`The tenant id ${JSON.stringify(id)} is already taken.`, { cause: error });
    }
    throw error;
  }
  return { id, name, createdAt: now };
}

export function listTenants(db: Db): Tenant[] {
  return db.all<TenantRow>('SELECT * FROM tenants ORDER BY id').map(toTenant);
}

export function findTenant(db: Db, id: string): TenantRow | undefined {
  if (typeof id !== 'string') return undefined;
  return db.get<TenantRow>('SELECT * FROM tenants WHERE id = ?', id);
}

export function getTenant(db: Db, id: string): Tenant | undefined {
  const row = findTenant(db, id);
  return row === undefined ? undefined : toTenant(row);
}

/**
 * The tenant row for a read: from the snapshot's memo when this turn already read it (the
 * token check reads it with the token), else from the table. One SCIM request authenticates,
 * fetches its registry and queries in one turn, inside one shared read (see `Db.read`).
 */
export function tenantForRead(db: Db, id: string): TenantRow {
  const cached = typeof id === 'string' ? db.memoized<TenantRow>(tenantKey(id)) : undefined;
  if (cached !== undefined) return cached;
  const row = requireTenant(db, id);
  rememberTenant(db, row);
  return row;
}

/** Lets the rest of the snapshot's reads use `row` (see `tenantForRead`). */
export function rememberTenant(db: Db, row: TenantRow): void {
  db.memoize(tenantKey(row.id), row);
}

function tenantKey(id: string): string {
  return `tenant:${id}`;
}

/** The tenant every resource call is scoped to; an unknown tenant is a 404. */
export function requireTenant(db: Db, id: string): TenantRow {
  const row = findTenant(db, id);
  if (row === undefined) {
    throw ScimError.notFound(`The tenant ${JSON.stringify(String(id))} does not exist.`);
  }
  return row;
}

/** Deletes the tenant; foreign keys cascade to its resources, members, tokens, events and schemas. */
export function deleteTenant(db: Db, id: string): boolean {
  return db.run('DELETE FROM tenants WHERE id = ?', id) > 0;
}
