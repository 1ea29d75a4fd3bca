/**
 * Overload shedding for the whole server, on top of the per-tenant rate limit: with many
 * tenants the server sees the sum of their cycles, and ENTRA.md asks for a 429 with
 * `Retry-After` under overload rather than a 5xx or a slow answer (Entra then suspends the job
 * for that long and retries only what failed; a slow answer times out and waits 40 minutes).
 *
 * The signal is the event loop's delay: a timer due every `intervalMs` that fires late by more
 * than `maxDelayMs` means every request queued behind it waits at least as long.
 */

/** What the app asks before admitting a SCIM request. */
export interface OverloadGuard {
  /** True while the server sheds SCIM requests. */
  overloaded(): boolean;
  /** The `Retry-After` of a shed request. */
  readonly retryAfterSeconds: number;
}

/** Options of {@link createOverloadMonitor}. */
export interface OverloadMonitorOptions {
  /** Shed while the event loop runs this much later than due. */
  maxDelayMs: number;
  /** How often the delay is sampled. Default 100 ms. */
  intervalMs?: number;
  /** The `Retry-After` of a shed request. Default 5 s. */
  retryAfterSeconds?: number;
  /**
   * How long shedding lasts after the last late sample. Default 1000 ms: answering 429s is
   * cheap, so the very next sample is usually on time again, and without a hold the server
   * would flip in and out of shedding (and log it) every few samples.
   */
  holdMs?: number;
  /** Told when shedding starts and stops, with the delay measured. */
  onChange?: (overloaded: boolean, delayMs: number) => void;
  /** Clock in milliseconds; injectable with `schedule` so tests never wait. */
  now?: () => number;
  /** Calls `tick` every `intervalMs` until the returned function is called. */
  schedule?: (tick: () => void, intervalMs: number) => () => void;
}

/** A running monitor: a guard for the app, stopped at shutdown. */
export interface OverloadMonitor extends OverloadGuard {
  stop(): void;
}

/** Samples the event loop's delay and sheds while it is over `maxDelayMs`. */
export function createOverloadMonitor(options: OverloadMonitorOptions): OverloadMonitor {
  const intervalMs = options.intervalMs ?? 100;
  const holdMs = options.holdMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? scheduleUnref;
  let overloaded = false;
  let last = now();
  let lastLate = Number.NEGATIVE_INFINITY;
  const stop = schedule(() => {
    const time = now();
    const delayMs = Math.max(0, time - last - intervalMs);
    last = time;
    if (delayMs > options.maxDelayMs) lastLate = time;
    const over = time - lastLate < holdMs || delayMs > options.maxDelayMs;
    if (over === overloaded) return;
    overloaded = over;
    options.onChange?.(over, Math.round(delayMs));
  }, intervalMs);
  return {
    overloaded: () => overloaded,
    retryAfterSeconds: options.retryAfterSeconds ?? 5,
    stop,
  };
}

// The sampler alone never keeps a process alive: `unref` on Node and Bun, Deno.unrefTimer on Deno.
function scheduleUnref(tick: () => void, intervalMs: number): () => void {
  const timer = setInterval(tick, intervalMs);
  if (typeof timer === 'object' && timer !== null && 'unref' in timer) {
    (timer as { unref(): void }).unref();
  } else {
    const deno = (globalThis as { Deno?: { unrefTimer?(id: number): void } }).Deno;
    deno?.unrefTimer?.(timer as unknown as number);
  }
  return () => clearInterval(timer);
}
