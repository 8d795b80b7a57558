// One Vitest run for unit and integration tests of every package (e2e is Playwright's).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bridge/src/**/*.test.ts', 'bridge/test/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
    // Generous: the machine has 2 cores and is often busy; tests wait for events, not for time.
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
