import type { Driver } from '../driver.ts';

/** One forward-only schema step. Versions are consecutive and never edited once released. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** `PRAGMA application_id` of a scimkit database ("SCIM"), so a foreign SQLite file is refused. */
export const APPLICATION_ID = 0x5343494d;

/**
 * The schema history. A resource is one row: its JSON document as stored (`doc`), the same
 * document with every caseExact=false string folded to lower case (`folded`, what filters
 * compare against; since version 3 empty when `lower()` folds `doc` alike), and plain columns for the hot lookups so that they are index seeks:
 * `name_key` (a user's folded userName, a group's folded displayName: unique per tenant and
 * type), `external_id`, and `id`. Group members live in their own table, so a membership
 * delta never touches the group's other members. Every index costs every create, so there
 * are only the ones Entra's lookups need.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'tenants, tokens, extension schemas, resources, members, events',
    sql: `
CREATE TABLE tenants (
  pk INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  schema_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  tenant INTEGER NOT NULL REFERENCES tenants(pk) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX tokens_by_tenant ON tokens(tenant);
CREATE TABLE extension_schemas (
  tenant INTEGER NOT NULL REFERENCES tenants(pk) ON DELETE CASCADE,
  resource_type TEXT NOT NULL,
  urn TEXT NOT NULL,
  definition TEXT NOT NULL,
  inferred INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (tenant, resource_type, urn)
) WITHOUT ROWID;
CREATE TABLE resources (
  pk INTEGER PRIMARY KEY,
  tenant INTEGER NOT NULL REFERENCES tenants(pk) ON DELETE CASCADE,
  type TEXT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  name_key TEXT,
  display TEXT,
  external_id TEXT,
  doc TEXT NOT NULL,
  folded TEXT NOT NULL
);
-- Also the index of a tenant's resources of one type: listing, counting, default order and
-- the cascade from tenants all use its (tenant, type) prefix.
CREATE UNIQUE INDEX resources_by_name ON resources(tenant, type, name_key);
CREATE INDEX resources_by_external_id ON resources(tenant, type, external_id) WHERE external_id IS NOT NULL;
CREATE TABLE members (
  group_pk INTEGER NOT NULL REFERENCES resources(pk) ON DELETE CASCADE,
  member_pk INTEGER NOT NULL REFERENCES resources(pk) ON DELETE CASCADE,
  PRIMARY KEY (group_pk, member_pk)
) WITHOUT ROWID;
CREATE INDEX members_by_member ON members(member_pk);
CREATE TABLE events (
  tenant INTEGER NOT NULL REFERENCES tenants(pk) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  time TEXT NOT NULL,
  operation TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  changed TEXT NOT NULL,
  request_id TEXT,
  PRIMARY KEY (tenant, seq)
) WITHOUT ROWID;
-- Planner statistics for the shape of a large directory (sqlite.org/optoverview.html#manual_control_of_query_plans_using_sqlite_stat_tables):
-- a (tenant, type) prefix matches many rows, a name, external id or id matches one. Without
-- them an empty database has no statistics, and SQLite may walk the name index to avoid a
-- sort instead of seeking the one row an externalId lookup wants. PRAGMA optimize replaces
-- them with measured ones as the database grows.
ANALYZE;
DELETE FROM sqlite_stat1;
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('resources', NULL, '1000000'),
  ('resources', 'resources_by_name', '1000000 100000 50000 1'),
  ('resources', 'resources_by_external_id', '1000000 100000 50000 1'),
  ('resources', 'sqlite_autoindex_resources_1', '1000000 1'),
  ('members', 'sqlite_autoindex_members_1', '1000000 1000 1'),
  ('members', 'members_by_member', '1000000 10 1'),
  ('events', 'sqlite_autoindex_events_1', '1000000 100000 1'),
  ('tenants', 'sqlite_autoindex_tenants_1', '100 1'),
  ('tokens', 'tokens_by_tenant', '1000 10');
ANALYZE sqlite_schema;
`,
  },
  {
    version: 2,
    // One B-tree and no foreign key: the store removes a resource's entries itself (it knows
    // the old values), which keeps a create to as few index writes as possible.
    description: 'email value index (backfilled), so emails[...].value lookups are index seeks',
    sql: `
CREATE TABLE email_index (
  tenant INTEGER NOT NULL,
  value TEXT NOT NULL,
  resource INTEGER NOT NULL,
  PRIMARY KEY (tenant, value, resource)
) WITHOUT ROWID;
INSERT OR IGNORE INTO email_index (tenant, value, resource)
  SELECT r.tenant, json_extract(e.value, '$.value'), r.pk
  FROM resources r, json_each(r.folded, '$.emails') e
  WHERE json_type(e.value, '$.value') = 'text';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('email_index', 'sqlite_autoindex_email_index_1', '1000000 100000 1 1');
ANALYZE sqlite_schema;
`,
  },
  {
    version: 3,
    // No table changes. From this version on, `folded` may be '' (the document folds with
    // lower(), see foldedColumn), which an older build would misread; older rows keep their
    // folded copy, which stays valid. And a user's email equal to its userName is found
    // through the name index, so its email_index entry goes.
    description:
      "resources.folded is '' when lower() folds the document; no email entry equal to the userName",
    sql: `
DELETE FROM email_index AS e WHERE EXISTS (
  SELECT 1 FROM resources AS r
  WHERE r.pk = e.resource AND r.tenant = e.tenant AND r.type = 'User' AND r.name_key = e.value
);
`,
  },
];

/** The schema version this build writes. */
export const LATEST_VERSION: number = MIGRATIONS.at(-1)!.version;

/** What `migrate` did. */
export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings the database up to `target` (default: latest) in one write transaction, so that
 * two processes opening a fresh file at once migrate it once. Refuses a database written by
 * a newer build (it cannot be downgraded) and a SQLite file that is not a scimkit database.
 */
export function migrate(driver: Driver, target: number = LATEST_VERSION): MigrationResult {
  return driver.transaction(() => {
    const from = Number(driver.prepare('PRAGMA user_version').get()?.user_version ?? 0);
    const applicationId = Number(driver.prepare('PRAGMA application_id').get()?.application_id ?? 0);
    if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
      throw new Error(
        `[scim-store-sqlite] [${driver.name}] The database is not a scimkit database: expected application_id ${APPLICATION_ID}, found ${applicationId}.`,
      );
    }
    if (from === 0 && applicationId === 0) {
      const tables = Number(
        driver.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get()?.n ?? 0,
      );
      if (tables > 0) {
        throw new Error(
          `[scim-store-sqlite] [${driver.name}] The database already holds ${tables} tables that scimkit did not create: expected an empty file or a scimkit database.`,
        );
      }
    }
    if (from > LATEST_VERSION) {
      throw new Error(
        `[scim-store-sqlite] [${driver.name}] The database schema is version ${from}, newer than this build understands (${LATEST_VERSION}): expected ${LATEST_VERSION} or older. Upgrade @scimkit/store-sqlite.`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= from || migration.version > target) continue;
      driver.exec(migration.sql);
      driver.exec(`PRAGMA user_version = ${migration.version}`);
    }
    if (applicationId === 0) driver.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    return { from, to: Math.max(from, Math.min(target, LATEST_VERSION)) };
  });
}
