import { test, expect, type Page } from '@playwright/test';
import { E2E_PORT, shopUrl } from './support/hosts';
import { raw } from './support/raw-http';

/**
 * Hostile request shapes, sent as raw HTTP so any Host, Origin or header can be forged. Each must get a
 * clean 4xx (never a 500, never another shop's page) and change nothing.
 */
const acme = `acme.localhost:${E2E_PORT}`;
const atraxion = `atraxion.localhost:${E2E_PORT}`;

async function signInBuyer(page: Page): Promise<string> {
  await page.goto(shopUrl('acme', '/account/sign-in'));
  await page.locator('main').getByLabel('Email address').fill('buyer@acme.test');
  await page.locator('main').getByLabel('Password').fill('storefleet-demo');
  await page.locator('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-link')).toContainText('Demo Garage');
  const cookies = await page.context().cookies(shopUrl('acme', '/'));
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

test.describe('request attacks', () => {
  test('a forged X-Forwarded-Host is refused, on pages and on API routes; an unknown Host is a plain 404', async () => {
    for (const path of ['/', '/products', '/dashboard', '/api/auth/session', '/api/health']) {
      const res = await raw({ path, headers: { host: acme, 'x-forwarded-host': atraxion } });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'BAD_REQUEST' });
      expect(res.body).not.toMatch(/ACME|Atraxion/i);
    }
    const unknown = await raw({ path: '/', headers: { host: `evil.example:${E2E_PORT}` } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toMatch(/ACME Wheels|Atraxion/);
    const sameHost = await raw({ path: '/', headers: { host: acme, 'x-forwarded-host': acme } });
    expect(sameHost.status).toBe(200);
  });

  test('the x-middleware-subrequest header cannot skip the middleware into the dashboard', async () => {
    for (const value of ['middleware', 'middleware:middleware:middleware:middleware:middleware', 'src/middleware']) {
      const res = await raw({ path: '/dashboard/orders', headers: { host: acme, 'x-middleware-subrequest': value } });
      expect(res.status, value).toBe(400);
      expect(res.body).not.toMatch(/Orders|Revenue/);
    }
  });

  test('server actions posted from another shop or an opaque origin are refused with 403 and change nothing', async ({ page }) => {
    const cookie = await signInBuyer(page);
    for (const origin of [`http://${atraxion}`, 'null', 'https://evil.example']) {
      const res = await raw({
        method: 'POST',
        path: '/account',
        headers: { host: acme, origin, cookie, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify([{ name: 'Hijacked' }]),
      });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'FORBIDDEN' });
    }
    await page.goto(shopUrl('acme', '/account'));
    await expect(page.getByTestId('account-link')).toContainText('Demo Garage');
    await expect(page.getByText('Hijacked')).toHaveCount(0);
  });

  test('oversized bodies are refused before they are read; a malformed webhook is a 4xx', async () => {
    const big = Buffer.alloc(3_000_000, 'a');
    const page = await raw({
      method: 'POST',
      path: '/cart',
      headers: { host: acme, origin: `http://${acme}`, 'content-length': String(big.length), 'next-action': 'x' },
      body: big,
    });
    expect(page.status).toBe(413);
    const hook = Buffer.alloc(1_200_000, 'a');
    const webhook = await raw({
      method: 'POST',
      path: '/api/webhooks/payments/sandbox',
      headers: { host: acme, 'content-type': 'application/json', 'content-length': String(hook.length) },
      body: hook,
    });
    expect(webhook.status).toBe(413);
    for (const body of ['{not json', '', '[]', '{"type":1}']) {
      const res = await raw({ method: 'POST', path: '/api/webhooks/payments/sandbox', headers: { host: acme, 'content-type': 'application/json' }, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  test('path tricks into internal segments and other shops answer 404 and show no shop', async () => {
    for (const path of [
      `/shop/${atraxion}/products`,
      `/shop-cache/${acme}/products`,
      `/shop-cache/${atraxion}`,
      `/dashboard/${atraxion}/orders`,
      '/admin/tenants',
      '/platform',
      '/%2e%2e/admin',
      '/products/..%2f..%2fadmin',
      '/shop%2fatraxion.localhost/products',
    ]) {
      const res = await raw({ path, headers: { host: acme } });
      expect(res.status, path).toBe(404);
      // A not-found page (at most in ACME's own frame): no product, no other shop, nothing of the console.
      expect(res.body, path).toMatch(/There is no page here|We could not find that page/);
      expect(res.body, path).not.toMatch(/data-testid="price"|"Atraxion"|>Atraxion<|Storefleet · Console|admin-email/);
    }
  });
});
