import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = createRateLimiter({ requestsPerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('acme').allowed)).toEqual([true, true, true]);
    expect(limiter.take('acme')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500;
    expect(limiter.take('acme').allowed).toBe(true);
    expect(limiter.take('acme').allowed).toBe(false);
  });

  it('keeps one bucket per tenant', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1, now: () => 0 });
    expect(limiter.take('acme').allowed).toBe(true);
    expect(limiter.take('acme').allowed).toBe(false);
    expect(limiter.take('globex').allowed).toBe(true);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 0.1, burst: 1, now: () => 0 });
    limiter.take('acme');
    expect(limiter.take('acme')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('forgets the least recently used tenants beyond maxKeys', () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 1, now: () => 0, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // "a" was evicted, so it starts with a full bucket again.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
