import { defineConfig, devices } from '@playwright/test';
import { e2eSecrets } from './e2e/support/secrets';

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * Storefronts are tested on their real hosts: `<tenant>.localhost` resolves to loopback in Chromium,
 * and the custom domain is mapped to loopback with a host-resolver rule, so routing by Host header is
 * exercised end to end.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP shop.acmewheels.test 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: /.*\.mobile\.spec\.ts/ },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /.*\.mobile\.spec\.ts/ },
  ],
  webServer: {
    command: 'bash scripts/e2e-server.sh',
    url: `http://localhost:${PORT}/`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    env: { E2E_PORT: String(PORT), ...e2eSecrets(PORT) },
    stdout: 'pipe',
  },
});
