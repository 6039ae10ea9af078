import { test, expect, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';
import { latestEmailTo, linkIn } from './support/mailbox';
import { adminUrl, E2E_PORT, shopUrl } from './support/hosts';

const main = (page: Page) => page.locator('main');

test.describe('the super-admin console', () => {
  test('onboards a tenant whose storefront answers at once, invites its owner, and takes it offline', async ({ page, browser }) => {
    const sub = `e2e${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
    const name = `Shop ${sub}`;
    const ownerEmail = `owner-${sub}@example.test`;

    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'New tenant' }).click();
    await main(page).getByLabel('Shop name').fill(name);
    await main(page).getByLabel('Subdomain').fill('admin');
    await main(page).getByLabel('Owner’s email address').fill(ownerEmail);
    await main(page).getByRole('button', { name: 'Create tenant' }).click();
    await expect(main(page).getByText('This name is reserved by the platform.')).toBeVisible();

    await main(page).getByLabel('Subdomain').fill(sub);
    await main(page).getByLabel('Sales mode').selectOption('b2c');
    await main(page).getByRole('button', { name: 'Create tenant' }).click();
    await expect(main(page).getByText('Tenant created.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const tenantPage = page.url();

    const storefront = await browser.newContext();
    try {
      const shop = await storefront.newPage();
      const response = await shop.goto(shopUrl(sub, '/'));
      expect(response?.status()).toBe(200);
      await expect(shop.getByRole('banner').getByText(name, { exact: true })).toBeVisible();

      // The owner joins by the emailed link, on the new shop's own host.
      const invitation = await latestEmailTo(ownerEmail);
      const link = linkIn(invitation, /\/dashboard\/invite\//);
      expect(new URL(link).host).toBe(`${sub}.localhost:${E2E_PORT}`);
      await shop.goto(link);
      await main(shop).getByLabel('Your name').fill('New Owner');
      await main(shop).getByLabel('Choose a password').fill('new owner password');
      await main(shop).getByRole('button', { name: 'Join the team' }).click();
      await expect(shop).toHaveURL(/\/dashboard\/sign-in\?invited=1/);
      await main(shop).getByLabel('Email address').fill(ownerEmail);
      await main(shop).getByLabel('Password').fill('new owner password');
      await main(shop).getByRole('button', { name: 'Sign in to the dashboard' }).click();
      await expect(shop.getByTestId('staff-name')).toContainText('New Owner (owner)');

      // Deactivated: the storefront is gone on the very next request.
      await page.goto(tenantPage);
      await main(page).getByRole('button', { name: 'Deactivate shop' }).click();
      await expect(main(page).getByText('The shop is offline')).toBeVisible();
      expect((await shop.goto(shopUrl(sub, '/')))?.status()).toBe(404);

      await page.goto(adminUrl('/audit'));
      await expect(main(page).getByText('tenant.deactivated').first()).toBeVisible();
      await expect(main(page).getByText('tenant.created').first()).toBeVisible();
    } finally {
      await storefront.close();
    }
  });

  test('an anonymous visitor and a shop owner get nothing from the console', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const path of [
        '/',
        '/tenants/new',
        '/audit',
        '/orders',
        '/customers',
        '/catalog',
        '/catalog/import',
        '/catalog/prices',
        '/catalog/taxonomy',
        '/account',
      ]) {
        await page.goto(adminUrl(path));
        await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
        await expect(page.getByRole('table')).toHaveCount(0);
        await expect(page.getByText('ACME Wheels')).toHaveCount(0);
      }

      // A shop owner signs in to their dashboard, then carries the session cookie to the admin host.
      await page.goto(shopUrl('acme', '/dashboard/sign-in'));
      await main(page).getByLabel('Email address').fill('owner@acme.test');
      await main(page).getByLabel('Password').fill('storefleet-demo');
      await main(page).getByRole('button', { name: 'Sign in to the dashboard' }).click();
      await expect(page.getByTestId('staff-name')).toBeVisible();
      // Their credentials do not open the console either.
      await page.goto(adminUrl('/sign-in'));
      await main(page).getByLabel('Email address').fill('owner@acme.test');
      await main(page).getByLabel('Password').fill('storefleet-demo');
      await main(page).getByRole('button', { name: 'Sign in to the console' }).click();
      await expect(main(page).getByRole('alert')).toContainText('not correct');

      const staffCookie = (await context.cookies(shopUrl('acme', '/'))).find((c) => c.name.startsWith('storefleet-staff.session-token'));
      expect(staffCookie).toBeDefined();
      await context.addCookies([{ ...staffCookie!, domain: 'admin.localhost' }]);
      for (const path of ['/', '/audit', '/sign-in', '/catalog', '/customers']) {
        const response = await page.goto(adminUrl(path));
        expect(response?.status(), `${path} with a shop owner's session`).toBe(404);
        await expect(page.getByText('ACME Wheels')).toHaveCount(0);
      }
    } finally {
      await context.close();
    }
  });
});
