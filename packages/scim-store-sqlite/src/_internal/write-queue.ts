import type { Db } from './db.ts';
import { later } from './later.ts';
import { breaksTransaction } from './sqlite-error.ts';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit. Writes issued in the same turn of the event loop (`later` runs after every
 * I/O callback of the turn, so requests that arrived together are written together) run in
 * one transaction, each in its own savepoint: one write failing (a 409, a 412) leaves the others intact, and
 * the commit (with its fsync under `durability: 'full'`) is paid once for all of them. A
 * write's promise settles only after that commit, so an acknowledged write is durable.
 * Order is preserved: writes run in the order they were issued.
 */
export class WriteQueue {
  readonly #db: Db;
  readonly #batching: boolean;
  #pending: Pending[] = [];
  #flushed: Promise<void> | undefined;

  constructor(db: Db, batching: boolean) {
    this.#db = db;
    this.#batching = batching;
  }

  /** Runs `fn` (which opens its own transaction or savepoint) as one write. */
  run<T>(fn: () => T): Promise<T> {
    if (!this.#batching) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(this.#db.toStoreError(error));
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.#flushed ??= new Promise<void>((done) =>
        later(() => {
          this.#flushed = undefined;
          this.#flush();
          done();
        }),
      );
    });
  }

  /** Settles every write issued so far. */
  async drain(): Promise<void> {
    while (this.#flushed !== undefined) await this.#flushed;
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 1) {
      // Alone, a write is its own transaction: no savepoint to set and release around it.
      const [write] = batch as [Pending];
      try {
        write.resolve(write.fn());
      } catch (error) {
        write.reject(this.#db.toStoreError(error));
      }
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      this.#db.write(() => {
        for (const write of batch) {
          try {
            outcomes.push({ ok: true, value: write.fn() });
          } catch (error) {
            // The write was rolled back to its savepoint, unless SQLite failed in a way that
            // may have ended the transaction (I/O, a full disk): then the whole batch fails.
            if (breaksTransaction(error)) throw error;
            outcomes.push({ ok: false, error: this.#db.toStoreError(error) });
          }
        }
      });
    } catch (error) {
      const failure = this.#db.toStoreError(error);
      for (const write of batch) write.reject(failure);
      return;
    }
    batch.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}
