import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'policies/**/*.test.ts'],
    pool: 'forks',
    isolate: false,
    testTimeout: 60_000,
  },
});
