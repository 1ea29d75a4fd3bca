import type { SqlValue } from '../driver.ts';
import type { Db } from './db.ts';

const SIZE = 64;

/**
 * Remembers `totalResults` of recent queries for as long as the database has not changed, so
 * that walking a large tenant page by page counts its matches once, not once per page. The
 * database has not changed while `PRAGMA data_version` (commits of other connections) and
 * `total_changes()` (this connection's writes) both stay the same; any write invalidates.
 */
export class CountCache {
  readonly #entries = new Map<string, { version: string; count: number }>();

  count(db: Db, statement: { sql: string; params: SqlValue[] }): number {
    const version = `${db.get<{ data_version: number }>('PRAGMA data_version')?.data_version}:${db.get<{ t: number }>('SELECT total_changes() AS t')?.t}`;
    const key = `${statement.sql}\u0000${JSON.stringify(statement.params)}`;
    const cached = this.#entries.get(key);
    if (cached !== undefined && cached.version === version) return cached.count;
    const count = Number(db.get<{ n: number }>(statement.sql, ...statement.params)?.n ?? 0);
    this.#entries.delete(key);
    if (this.#entries.size >= SIZE) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { version, count });
    return count;
  }
}
