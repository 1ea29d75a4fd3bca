/** The statistics of one request shape. */
export interface ShapeReport {
  shape: string;
  /** Requests sent with this shape. */
  count: number;
  /** Checks of this shape that failed (a request can fail more than one way, or be verified later). */
  failures: number;
  p50Ms: number;
  p99Ms: number;
  /** The first few failure messages, for the report. */
  problems: string[];
}

const KEPT_PROBLEMS = 5;

/** Collects latencies and failures per request shape, in the order shapes first appear. */
export class Recorder {
  readonly #shapes = new Map<string, { latencies: number[]; failures: number; problems: string[] }>();

  #entry(shape: string): { latencies: number[]; failures: number; problems: string[] } {
    let entry = this.#shapes.get(shape);
    if (entry === undefined) {
      entry = { latencies: [], failures: 0, problems: [] };
      this.#shapes.set(shape, entry);
    }
    return entry;
  }

  /** One request of `shape` took `ms`. */
  request(shape: string, ms: number): void {
    this.#entry(shape).latencies.push(ms);
  }

  /** A check of `shape` failed. */
  fail(shape: string, problem: string): void {
    const entry = this.#entry(shape);
    entry.failures++;
    if (entry.problems.length < KEPT_PROBLEMS) entry.problems.push(problem);
  }

  get failures(): number {
    let total = 0;
    for (const entry of this.#shapes.values()) total += entry.failures;
    return total;
  }

  get requests(): number {
    let total = 0;
    for (const entry of this.#shapes.values()) total += entry.latencies.length;
    return total;
  }

  shapes(): ShapeReport[] {
    return [...this.#shapes].map(([shape, entry]) => {
      const sorted = [...entry.latencies].sort((a, b) => a - b);
      return {
        shape,
        count: sorted.length,
        failures: entry.failures,
        p50Ms: round(percentile(sorted, 0.5)),
        p99Ms: round(percentile(sorted, 0.99)),
        problems: entry.problems,
      };
    });
  }
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
