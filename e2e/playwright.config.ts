// Playwright drives Debian's Chromium (downloads are not possible here); the bridge comes from a fixture.
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `pnpm demo`: slowed down so a class can follow, optionally recorded. */
const demo = process.env.SOCKET_LAB_DEMO === '1';

export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: demo ? 300_000 : 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS, slowMo: demo ? 400 : 0 },
    trace: 'retain-on-failure',
    video: process.env.SOCKET_LAB_DEMO_VIDEO === '1' ? 'on' : 'off',
  },
});
