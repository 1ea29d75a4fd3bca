/** Options of a per-key token bucket. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Bucket capacity: the burst a quiet tenant may send at once. */
  burst: number;
  /** Clock in milliseconds; injectable so tests never wait. */
  now?: () => number;
  /** Buckets kept at most; the least recently used are dropped first. */
  maxKeys?: number;
}

/** The outcome of taking one token. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A rate limiter with one token bucket per key (per tenant). */
export interface RateLimiter {
  take(key: string): TakeResult;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets per key. Entra backs off for `Retry-After` seconds on a 429 and retries only
 * the failed requests, which is why overload answers 429 instead of slowing down.
 */
export function createRateLimiter(options: TokenBucketOptions): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const rate = options.requestsPerSecond / 1000;
  const capacity = Math.max(1, options.burst);
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, Bucket>();
  return {
    take(key) {
      const time = now();
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = { tokens: capacity, updatedAt: time };
        if (buckets.size >= maxKeys) {
          const oldest = buckets.keys().next();
          if (oldest.done !== true) buckets.delete(oldest.value);
        }
      } else {
        // Re-inserting keeps the Map in least-recently-used order for eviction.
        buckets.delete(key);
        bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.updatedAt) * rate);
        bucket.updatedAt = time;
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      const waitMs = rate > 0 ? (1 - bucket.tokens) / rate : 60_000;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
  };
}
