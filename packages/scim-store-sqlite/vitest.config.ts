import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Run by `bun test` and `deno test` (see package.json "test").
    exclude: ['test/runtime/**', '**/node_modules/**'],
  },
});
