import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Servers, SQLite files and a simulated Entra run share 2 cores with other builds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
