import { test, expect, type Page } from '@playwright/test';
import { brandsOnPage, productCards } from './support/catalog';
import { adminUrl, customDomainUrl, E2E_PORT, platformUrl, shopUrl } from './support/hosts';

const ACME_RED = 'rgb(185, 28, 28)'; // #b91c1c
const ATRAXION_BLUE = 'rgb(11, 61, 145)'; // #0b3d91
const ACME_BRANDS = ['Michelin', 'Continental'];

async function expectAcmeShop(page: Page) {
  await expect(page.locator('[data-tenant]')).toHaveAttribute('data-tenant', 'acme');
  await expect(page.getByRole('banner').getByRole('img', { name: 'ACME Wheels logo' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('ACME Wheels', { exact: true })).toBeVisible();
}

async function expectNoPageHere(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), `${url} answers 404`).toBe(404);
  await expect(page.getByRole('heading', { name: 'There is no page here' })).toBeVisible();
  await expect(page.locator('[data-tenant]')).toHaveCount(0);
}

test.describe('Multi-tenancy', () => {
  test('Tenant resolution by subdomain', async ({ page }) => {
    const response = await page.goto(shopUrl('acme', '/'));
    expect(response?.status()).toBe(200);

    // Then I should see the ACME logo
    await expectAcmeShop(page);
    await expect(page).toHaveTitle(/ACME Wheels/);
    await expect(page.getByRole('banner')).toHaveCSS('background-color', ACME_RED);

    // And products should be filtered by ACME visibility rules: first two pages of the catalog.
    await page.goto(shopUrl('acme', '/products'));
    await expect(productCards(page).first()).toBeVisible();
    const firstPage = await brandsOnPage(page);
    expect(firstPage.length).toBeGreaterThan(0);
    for (const brand of firstPage) expect(ACME_BRANDS).toContain(brand);

    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(page.getByTestId('result-count')).toContainText(/^Showing 25–/);
    const secondPage = await brandsOnPage(page);
    expect(secondPage.length).toBeGreaterThan(0);
    for (const brand of secondPage) expect(ACME_BRANDS).toContain(brand);
  });

  test('Tenant resolution by custom domain', async ({ page }) => {
    const response = await page.goto(customDomainUrl('/'));
    expect(response?.status()).toBe(200);
    await expectAcmeShop(page);
    await expect(page.getByRole('banner')).toHaveCSS('background-color', ACME_RED);

    // The same shop, so the same catalog as on its subdomain.
    await page.goto(customDomainUrl('/products'));
    await expect(page.getByTestId('result-count')).toContainText('products');
    const onCustomDomain = (await page.getByTestId('result-count').innerText()).trim();
    expect(onCustomDomain).toMatch(/of [\d,]+ products/);
    await page.goto(shopUrl('acme', '/products'));
    await expect(page.getByTestId('result-count')).toHaveText(onCustomDomain);
  });

  test('host names are normalised: upper case and a leading www. reach the same shop', async ({ page }) => {
    await page.goto(`http://ACME.localhost:${E2E_PORT}/`);
    await expectAcmeShop(page);

    await page.goto(shopUrl('www.acme', '/'));
    await expectAcmeShop(page);
  });

  test('an unknown subdomain is a 404, not a shop', async ({ page }) => {
    await expectNoPageHere(page, shopUrl('nope', '/'));
    await expectNoPageHere(page, shopUrl('nope', '/products'));
  });

  test('an inactive tenant is a 404', async ({ page }) => {
    await expectNoPageHere(page, shopUrl('closed', '/'));
    await expectNoPageHere(page, shopUrl('closed', '/products'));
  });

  test('reserved subdomains are not shops', async ({ page }) => {
    await expectNoPageHere(page, shopUrl('dashboard', '/'));
    await expectNoPageHere(page, shopUrl('shop', '/products'));

    // admin is the platform console (closed in production builds), never a storefront.
    await page.goto(adminUrl('/'));
    await expect(page.locator('[data-tenant]')).toHaveCount(0);
  });

  test('internal route segments cannot be requested directly', async ({ page }) => {
    for (const url of [
      platformUrl('/shop/acme.localhost/products'),
      platformUrl('/shop/acme.localhost'),
      shopUrl('acme', '/shop/acme.localhost/products'),
      shopUrl('acme', '/platform'),
      shopUrl('acme', '/admin'),
      platformUrl('/platform'),
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), `${url} answers 404`).toBe(404);
      await expect(productCards(page)).toHaveCount(0);
    }
  });

  test('the platform root shows the Storefleet landing page', async ({ page }) => {
    const response = await page.goto(platformUrl('/'));
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Storefleet/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('Storefleet', { exact: true }).first()).toBeVisible();
    await expect(page.locator('[data-tenant]')).toHaveCount(0);
  });

  test('the admin console does not show the tenant list to an anonymous visitor', async ({ page }) => {
    // The console sits behind the super-admin sign-in: an anonymous visitor is sent there and learns
    // nothing about which shops run on the platform.
    await page.goto(adminUrl('/'));
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(page.getByRole('heading', { level: 1, name: 'Platform console' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByText('ACME Wheels')).toHaveCount(0);
  });

  test('different tenants look different', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/'));
    await expect(page.locator('[data-tenant]')).toHaveAttribute('data-tenant', 'atraxion');
    await expect(page.getByRole('banner').getByRole('img', { name: 'Atraxion logo' })).toBeVisible();
    await expect(page).toHaveTitle(/Atraxion/);
    const atraxionHeader = await page.getByRole('banner').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(atraxionHeader).toBe(ATRAXION_BLUE);

    await page.goto(shopUrl('acme', '/'));
    const acmeHeader = await page.getByRole('banner').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(acmeHeader).toBe(ACME_RED);
    expect(acmeHeader).not.toBe(atraxionHeader);
    await expect(page.getByRole('banner').getByRole('img', { name: 'Atraxion logo' })).toHaveCount(0);
  });
});
