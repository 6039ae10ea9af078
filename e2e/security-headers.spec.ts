import { expect, test, type Page } from '@playwright/test';
import { E2E_PORT, shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';
import { e2eSecrets } from './support/secrets';

/**
 * What a browser is told to enforce on every page, that the pages still work under it, and that no
 * server secret ever reaches the browser.
 */

/** Opens the page and fails on any content-security-policy violation the browser reports. */
async function visitWithoutCspViolations(page: Page, url: string): Promise<void> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  await page.waitForLoadState('networkidle');
  expect(violations, `CSP violations on ${url}`).toEqual([]);
}

test.describe('Security headers and secrets', () => {
  test('every page forbids framing and sniffing and states a content security policy', async ({ page }) => {
    for (const url of [
      shopUrl('acme', '/'),
      shopUrl('acme', '/products'),
      shopUrl('acme', '/dashboard/sign-in'),
      `http://admin.localhost:${E2E_PORT}/sign-in`,
    ]) {
      const response = await page.goto(url);
      const headers = response!.headers();
      expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy'], url).toContain("object-src 'none'");
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['x-frame-options'], url).toBe('DENY');
      expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(headers['x-powered-by'], url).toBeUndefined();
    }
  });

  test('the storefront and the dashboard work under the policy', async ({ page }) => {
    await visitWithoutCspViolations(page, shopUrl('acme', '/'));
    await visitWithoutCspViolations(page, shopUrl('acme', '/products?brand=michelin'));
    await signInToDashboard(page, 'acme', '/dashboard/branding');
    await visitWithoutCspViolations(page, shopUrl('acme', '/dashboard/branding'));
  });

  test('session cookies are HttpOnly and SameSite, and no secret is in any script the browser loads', async ({ page }) => {
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(response.url());
    });
    await signInToDashboard(page, 'acme', '/dashboard');
    await page.goto(shopUrl('acme', '/products'));
    await page.goto(shopUrl('acme', '/account/sign-in'));
    for (const cookie of await page.context().cookies(shopUrl('acme'))) {
      if (!/session-token|csrf-token/.test(cookie.name)) continue;
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe('Lax');
    }
    expect(scripts.size).toBeGreaterThan(3);
    const secrets = Object.values(e2eSecrets(E2E_PORT));
    for (const url of scripts) {
      // Static chunks are the same on every host; fetched via localhost, which resolves outside the browser too.
      const local = new URL(url);
      local.hostname = 'localhost';
      const body = await (await page.request.get(local.toString())).text();
      for (const secret of secrets) expect(body.includes(secret), `a secret in ${url}`).toBe(false);
      expect(body, url).not.toMatch(/AUTH_SECRET|PAYMENT_SANDBOX_WEBHOOK_SECRET|RESEND_API_KEY|DATABASE_URL|INNGEST_SIGNING_KEY/);
    }
  });
});
