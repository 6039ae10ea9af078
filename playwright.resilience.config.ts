import { defineConfig } from '@playwright/test';
import baseConfig from './playwright.config';

/**
 * Browser tests that start, kill and restart the app themselves (resilience/), so no web server is
 * configured: run by `npm run test:resilience` after the load test, on the build it used.
 */
export default defineConfig({
  ...baseConfig,
  testDir: './resilience',
  outputDir: './test-results/resilience',
  retries: 0,
  projects: [{ name: 'desktop', use: baseConfig.projects?.[0]?.use }],
  webServer: undefined,
});
