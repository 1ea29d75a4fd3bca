/** What went wrong in SQLite, as far as the store needs to know. */
export type SqliteErrorKind = 'unique' | 'foreignKey' | 'busy' | 'other';

/**
 * Classifies an error thrown by any driver: better-sqlite3 and bun:sqlite carry the
 * extended result code name in `code`; node:sqlite (Deno) only carries SQLite's message.
 */
export function classifySqliteError(error: unknown): SqliteErrorKind {
  if (typeof error !== 'object' || error === null) return 'other';
  const code = (error as { code?: unknown }).code;
  const message = String((error as { message?: unknown }).message ?? '');
  if (typeof code === 'string') {
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreignKey';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  }
  if (/UNIQUE constraint failed/i.test(message)) return 'unique';
  if (/FOREIGN KEY constraint failed/i.test(message)) return 'foreignKey';
  if (/database (?:table )?is locked|database is busy/i.test(message)) return 'busy';
  return 'other';
}

/** The `table.column` list SQLite names in a UNIQUE failure (`resources.tenant, resources.type, …`). */
export function uniqueColumns(error: unknown): string[] {
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  const match = /UNIQUE constraint failed: (.+)$/im.exec(message);
  return match === null ? [] : match[1]!.split(',').map((column) => column.trim());
}

/** True for an error SQLite itself raised, through any of the three drivers. */
export function isSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || code.startsWith('ERR_SQLITE'));
}

/**
 * Whether the error may have ended the transaction it happened in: constraint failures undo
 * one statement, other SQLite errors (I/O, a full disk, a corrupt page) may undo everything.
 */
export function breaksTransaction(error: unknown): boolean {
  if (!isSqliteError(error)) return false;
  const kind = classifySqliteError(error);
  return kind !== 'unique' && kind !== 'foreignKey';
}
