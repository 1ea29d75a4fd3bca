import type { ScimEvent } from '@scimkit/schema';
import type { Db } from './db.ts';

interface EventRow {
  seq: number;
  time: string;
  operation: ScimEvent['operation'];
  resource_type: string;
  resource_id: string;
  changed: string;
  request_id: string | null;
}

/** What a write records. */
export interface EventInput {
  operation: ScimEvent['operation'];
  resourceType: string;
  resourceId: string;
  changed: readonly string[];
}

/**
 * Appends a tenant's events inside the caller's write transaction: the sequence is the
 * tenant's last plus one, which the write lock makes race-free and gap-free.
 */
export class EventWriter {
  readonly #db: Db;
  readonly #tenantPk: number;
  readonly #time: string;
  readonly #requestId: string | null;
  #next: number | undefined;

  constructor(db: Db, tenantPk: number, time: string, requestId: string | undefined) {
    this.#db = db;
    this.#tenantPk = tenantPk;
    this.#time = time;
    this.#requestId = requestId ?? null;
  }

  append(event: EventInput): number {
    return this.appendAll([event]);
  }

  /** Appends events in order; returns the sequence of the last. */
  appendAll(events: readonly EventInput[]): number {
    this.#next ??=
      Number(
        this.#db.get<{ last: number | null }>(
          'SELECT max(seq) AS last FROM events WHERE tenant = ?',
          this.#tenantPk,
        )?.last ?? 0,
      ) + 1;
    const insert = this.#db.statement(
      `INSERT INTO events (tenant, seq, time, operation, resource_type, resource_id, changed, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const event of events) {
      insert.run(
        this.#tenantPk,
        this.#next++,
        this.#time,
        event.operation,
        event.resourceType,
        event.resourceId,
        JSON.stringify(event.changed),
        this.#requestId,
      );
    }
    return this.#next - 1;
  }
}

export function readEvents(
  db: Db,
  tenant: { pk: number; id: string },
  since: number,
  limit: number,
): ScimEvent[] {
  return db
    .all<EventRow>(
      'SELECT * FROM events WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?',
      tenant.pk,
      since,
      limit,
    )
    .map((row) => {
      const event: ScimEvent = {
        tenantId: tenant.id,
        sequence: row.seq,
        time: row.time,
        operation: row.operation,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        changed: JSON.parse(row.changed) as string[],
      };
      if (row.request_id !== null) event.requestId = row.request_id;
      return event;
    });
}
