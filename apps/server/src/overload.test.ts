import { describe, expect, it } from 'vitest';
import { createOverloadMonitor } from './overload.ts';

/** A monitor on a manual clock: `tick(late)` fires the sampler `late` ms after it was due. */
function manual(maxDelayMs: number, holdMs = 0) {
  let now = 0;
  let sample: (() => void) | undefined;
  let stopped = false;
  const changes: [boolean, number][] = [];
  const monitor = createOverloadMonitor({
    maxDelayMs,
    intervalMs: 100,
    holdMs,
    now: () => now,
    schedule: (tick) => {
      sample = tick;
      return () => {
        stopped = true;
      };
    },
    onChange: (overloaded, delayMs) => changes.push([overloaded, delayMs]),
  });
  const tick = (late: number) => {
    now += 100 + late;
    sample!();
  };
  return { monitor, tick, changes, stopped: () => stopped };
}

describe('createOverloadMonitor', () => {
  it('sheds while the event loop runs later than allowed, and stops once it catches up', () => {
    const { monitor, tick, changes } = manual(500);
    tick(20);
    expect(monitor.overloaded()).toBe(false);
    tick(800);
    expect(monitor.overloaded()).toBe(true);
    tick(600);
    expect(monitor.overloaded()).toBe(true);
    tick(3);
    expect(monitor.overloaded()).toBe(false);
    // Told once per change, not per sample.
    expect(changes).toEqual([
      [true, 800],
      [false, 3],
    ]);
  });

  it('keeps shedding for the hold after the last late sample', () => {
    const { monitor, tick, changes } = manual(500, 1000);
    tick(800);
    expect(monitor.overloaded()).toBe(true);
    // On-time samples within a second of the late one: still shedding, and nothing logged.
    for (let i = 0; i < 2; i++) tick(0);
    expect(monitor.overloaded()).toBe(true);
    expect(changes).toEqual([[true, 800]]);
    for (let i = 0; i < 8; i++) tick(0);
    expect(monitor.overloaded()).toBe(false);
    expect(changes).toEqual([
      [true, 800],
      [false, 0],
    ]);
  });

  it('treats a delay equal to the limit as not overloaded', () => {
    const { monitor, tick } = manual(500);
    tick(500);
    expect(monitor.overloaded()).toBe(false);
  });

  it('answers with its Retry-After (5 s unless told) and stops its sampler', () => {
    const { monitor, stopped } = manual(500);
    expect(monitor.retryAfterSeconds).toBe(5);
    monitor.stop();
    expect(stopped()).toBe(true);
    const told = createOverloadMonitor({ maxDelayMs: 1, retryAfterSeconds: 2, schedule: () => () => {} });
    expect(told.retryAfterSeconds).toBe(2);
  });

  it('samples with a real timer', async () => {
    const changes: [boolean, number][] = [];
    const monitor = createOverloadMonitor({
      maxDelayMs: 20,
      intervalMs: 5,
      onChange: (overloaded, delayMs) => changes.push([overloaded, delayMs]),
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Block the event loop well past the limit: the sample due meanwhile fires that much late.
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // busy
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
    monitor.stop();
    expect(changes.some(([overloaded, delayMs]) => overloaded && delayMs >= 20)).toBe(true);
  });
});
