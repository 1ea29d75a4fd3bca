import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The end-to-end suite starts real servers under three runtimes on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
