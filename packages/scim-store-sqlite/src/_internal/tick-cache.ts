import type { Db } from './db.ts';
import { later } from './later.ts';
import { requireTenant, type TenantRow } from './tenants.ts';

/**
 * Tenant rows read by this turn of the event loop, for the reads that follow in it. One SCIM
 * request authenticates, fetches its registry and queries in one turn, and each separate read
 * transaction costs lock system calls: the token check reads the tenant row with the token,
 * and the request's later reads take it from here instead of reading it again. The rows are
 * forgotten when the turn ends and whenever this store writes, so nothing is older than the
 * turn; between separate statements another process could commit anyway.
 */
export class TickTenants {
  readonly #rows = new Map<string, TenantRow>();
  #scheduled = false;

  /** The tenant with this id (a 404 when there is none), from this turn's reads if any. */
  get(db: Db, id: string): TenantRow {
    const cached = typeof id === 'string' ? this.#rows.get(id) : undefined;
    if (cached !== undefined) return cached;
    const row = requireTenant(db, id);
    this.remember(row);
    return row;
  }

  remember(row: TenantRow): void {
    this.#rows.set(row.id, row);
    if (this.#scheduled) return;
    this.#scheduled = true;
    later(() => {
      this.#scheduled = false;
      this.#rows.clear();
    });
  }

  forget(): void {
    this.#rows.clear();
  }
}
