import { ScimError } from '@scimkit/schema';
import type { SqlValue } from '../driver.ts';
import type { Db } from './db.ts';
import type { PreparedDocument, ResourceRow } from './documents.ts';
import { classifySqliteError, uniqueColumns } from './sqlite-error.ts';
import type { TenantRow } from './tenants.ts';

/** Reading and writing `resources` rows, their email index entries, and uniqueness failures. */

const LOAD_ROW =
  'SELECT pk, id, type, version, created, modified, doc FROM resources WHERE id = ? AND tenant = ? AND type = ?';

// A row about to be rewritten: its key columns too, so that the update sets only those that change.
const LOAD_ROW_FOR_WRITE =
  'SELECT pk, id, type, version, created, modified, doc, name_key, display, external_id FROM resources WHERE id = ? AND tenant = ? AND type = ?';

const INSERT_ROW = `INSERT INTO resources
  (tenant, type, id, version, created, modified, name_key, display, external_id, doc, folded)
  VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`;

/** The row of a resource of the tenant, or `undefined`. */
export function loadRow(db: Db, tenant: TenantRow, type: string, id: string): ResourceRow | undefined {
  if (typeof id !== 'string') return undefined;
  return db.get<ResourceRow>(LOAD_ROW, id, tenant.pk, type);
}

/** A row as a write reads it: with the columns `updateRow` compares. */
export interface StoredRow extends ResourceRow {
  name_key: string | null;
  display: string | null;
  external_id: string | null;
}

/** The row of a resource of the tenant, for a write; a 404 when there is none. */
export function requireRow(db: Db, tenant: TenantRow, type: string, id: string): StoredRow {
  const row = typeof id === 'string' ? db.get<StoredRow>(LOAD_ROW_FOR_WRITE, id, tenant.pk, type) : undefined;
  if (row === undefined) {
    throw ScimError.notFound(`The ${type} ${JSON.stringify(String(id))} does not exist.`);
  }
  return row;
}

/** A resource row to insert; `pk` is set once it is. */
export interface NewRow {
  pk: number;
  id: string;
  prepared: PreparedDocument;
}

/**
 * Inserts new resource rows, one statement each (a multi-row INSERT measured slower: binding
 * hundreds of parameters costs more than it saves). A name already taken (by a stored
 * resource or an earlier row of the same call) is the 409 it means, thrown by `onError` with
 * the index of the row that failed.
 */
export function insertRows(
  db: Db,
  tenant: TenantRow,
  type: string,
  now: string,
  rows: readonly NewRow[],
  onError: (error: unknown, index: number) => never,
): void {
  const insert = db.statement(INSERT_ROW);
  for (const [index, row] of rows.entries()) {
    const { id, prepared } = row;
    try {
      row.pk = insert.run(
        tenant.pk,
        type,
        id,
        now,
        now,
        prepared.nameKey,
        prepared.display,
        prepared.externalId,
        prepared.json,
        prepared.folded,
      ).lastInsertRowid;
    } catch (error) {
      onError(uniquenessError(error, type, prepared) ?? error, index);
    }
  }
}

/**
 * Writes a new version of a row (version + 1); a name already taken is the 409 it means. The
 * row was read in this write's transaction, so its version is the current one. Only the key
 * columns whose value changes are set: SQLite rewrites the index entries of every indexed
 * column an UPDATE sets, changed or not, which was half the cost of a PATCH's update.
 */
export function updateRow(
  db: Db,
  row: StoredRow,
  prepared: PreparedDocument,
  now: string,
  type: string,
): StoredRow {
  const version = row.version + 1;
  let sql = 'UPDATE resources SET version = ?, modified = ?, doc = ?, folded = ?';
  const params: SqlValue[] = [version, now, prepared.json, prepared.folded];
  if (prepared.nameKey !== row.name_key) {
    sql += ', name_key = ?';
    params.push(prepared.nameKey);
  }
  if (prepared.display !== row.display) {
    sql += ', display = ?';
    params.push(prepared.display);
  }
  if (prepared.externalId !== row.external_id) {
    sql += ', external_id = ?';
    params.push(prepared.externalId);
  }
  try {
    db.run(`${sql} WHERE pk = ?`, ...params, row.pk);
  } catch (error) {
    throw uniquenessError(error, type, prepared) ?? error;
  }
  return {
    ...row,
    version,
    modified: now,
    doc: prepared.json,
    parsed: prepared.doc,
    name_key: prepared.nameKey,
    display: prepared.display,
    external_id: prepared.externalId,
  };
}

/** Replaces a resource's entries in the email index: `before` are its old keys, `after` its new ones. */
export function writeEmails(
  db: Db,
  tenantPk: number,
  pk: number,
  before: readonly string[],
  after: readonly string[],
): void {
  const removed = before.filter((value) => !after.includes(value));
  const added = after.filter((value) => !before.includes(value));
  if (removed.length > 0) {
    db.run(
      'DELETE FROM email_index WHERE tenant = ? AND value IN (SELECT value FROM json_each(?)) AND resource = ?',
      tenantPk,
      JSON.stringify(removed),
      pk,
    );
  }
  if (added.length > 0) {
    db.run(
      'INSERT OR IGNORE INTO email_index (tenant, value, resource) SELECT ?, value, ? FROM json_each(?)',
      tenantPk,
      pk,
      JSON.stringify(added),
    );
  }
}

/** A unique-index failure on the name key, as the 409 `uniqueness` it means (RFC 7644 §3.12). */
export function uniquenessError(
  error: unknown,
  type: string,
  prepared: PreparedDocument,
): ScimError | undefined {
  if (classifySqliteError(error) !== 'unique') return undefined;
  const columns = uniqueColumns(error);
  if (columns.length > 0 && !columns.includes('resources.name_key')) return undefined;
  const attribute = type === 'User' ? 'userName' : 'displayName';
  const value = prepared.doc[attribute];
  return ScimError.uniqueness(
    `The ${attribute} ${JSON.stringify(value)} is already taken by another ${type} of this tenant (${attribute} is unique whatever its case).`,
    { cause: error },
  );
}
