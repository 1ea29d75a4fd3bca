// Minimal ambient types for the parts of `bun:test` the Bun runner uses.
declare module 'bun:test' {
  export function describe(name: string, fn: () => void): void;
  export function it(name: string, fn: () => Promise<void> | void): void;
  export function expect(value: unknown): { toBe(expected: unknown): void };
}
