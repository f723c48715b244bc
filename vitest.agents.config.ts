// The real-agent conformance suite (`npm run test:agents`): real CLIs against the scripted model server,
// slow to start on a busy machine, so long timeouts and at most two CLIs at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/agents/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
