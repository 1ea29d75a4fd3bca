import { describe, expect, it } from 'vitest';
import { percentile, Recorder } from './recorder.ts';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe('Recorder', () => {
  it('keeps shapes in first-seen order with counts, failures and a few problems', () => {
    const recorder = new Recorder();
    recorder.request('b', 2);
    recorder.request('a', 1);
    recorder.request('b', 4);
    for (let index = 0; index < 7; index++) recorder.fail('b', `problem ${index}`);
    const [b, a] = recorder.shapes();
    expect(b).toMatchObject({ shape: 'b', count: 2, failures: 7, p50Ms: 2, p99Ms: 4 });
    expect(b?.problems).toHaveLength(5);
    expect(a).toMatchObject({ shape: 'a', count: 1, failures: 0 });
    expect(recorder.requests).toBe(3);
    expect(recorder.failures).toBe(7);
  });
});
