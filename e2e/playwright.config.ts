import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4787);
const dataDir = mkdtempSync(join(tmpdir(), 'talkoot-e2e-'));

/**
 * Debian's Chromium; Playwright's own browser downloads are not available here. The resolver
 * rule makes every host but the app's unreachable, so a request that would leave the origin
 * fails in the browser (and the `foreign` fixture fails the test that made it).
 */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
};

export default defineConfig({
  testDir: './specs',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Specs with three or four browsers take 25–60 s on a 2-core machine running two workers with
  // software rendering; every idle tldraw page still draws 60 frames a second (~10 % of a core).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromium,
    // Recording a trace costs a third of a test's time; CI records one when it retries a test.
    trace: 'on-first-retry',
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
  webServer: {
    // The built app, served by the real server with a throw-away SQLite file.
    command: `node ${resolve(import.meta.dirname, '../apps/server/src/main.ts')}`,
    url: `http://127.0.0.1:${port}/healthz`,
    // E2E_WEB_ROOT lets a second checkout-local build run beside the default `apps/web/dist`.
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // Every spec creates boards from 127.0.0.1; the default allows 10 a minute per address.
      BOARD_CREATIONS_PER_MINUTE: '10000',
      ...(process.env.E2E_WEB_ROOT ? { WEB_ROOT: process.env.E2E_WEB_ROOT } : {}),
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
