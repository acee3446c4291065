import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves one CPU free, which on a two-CPU machine runs the files one at a
    // time (about 9.5 min here); every CPU takes about 5.7 min. The timing tests compare ratios
    // measured in one process with margins for a busy host.
    maxWorkers: availableParallelism(),
  },
});
