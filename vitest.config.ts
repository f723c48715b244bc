// Test runner settings: real processes and real git need generous timeouts and few parallel workers.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The real-CLI conformance suite runs on its own: `npm run test:agents` (vitest.agents.config.ts).
    exclude: ['tests/agents/**', '**/node_modules/**'],
    // Generous for a loaded 2-core machine: a limit only ends a hung test; nothing waits for it to pass.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/helpers/global-setup.ts'],
    // The repository registry (`wtagents --all`) of the tests' own: never the user's ~/.config/wtagents.
    env: { WTAGENTS_CONFIG_DIR: path.join(os.tmpdir(), `wtagents-test-config-${process.pid}`) },
  },
});
