// Test runner settings: real processes and real git need generous timeouts and few parallel workers.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The real-CLI conformance suite runs on its own: `npm run test:agents` (vitest.agents.config.ts).
    exclude: ['tests/agents/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
