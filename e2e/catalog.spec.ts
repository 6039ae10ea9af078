import { test, expect } from '@playwright/test';
import { brandsOnPage, cardName, pricesOnPage, productCards, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';

test.describe('Catalog', () => {
  test('ticking a brand in the filters narrows the results to that brand', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products'));
    const count = page.getByTestId('result-count');
    await expect(count).toContainText('products');
    const unfiltered = (await count.innerText()).trim();

    const filters = page.getByRole('form', { name: 'Filter products' });
    await waitForHydration(filters);
    const michelin = filters.getByRole('group', { name: 'Brand' }).getByRole('checkbox', { name: /^Michelin\b/ });
    await michelin.check();

    await expect(page).toHaveURL(/[?&]brand=michelin\b/);
    await expect(count).not.toHaveText(unfiltered);
    await expect(productCards(page).first()).toBeVisible();
    expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Michelin']));
    // The filtered page is a shareable URL that keeps the box ticked.
    await expect(page.getByRole('form', { name: 'Filter products' }).getByRole('checkbox', { name: /^Michelin\b/ })).toBeChecked();
  });

  test('searching a tyre size finds only tyres of that size', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/'));
    await page.getByRole('banner').getByRole('searchbox', { name: 'Search products' }).fill('205/55 R16');
    await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();

    await expect(page).toHaveURL(/\/products\?q=205%2F55(\+|%20)R16/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tyres in 205/55 R16');
    const cards = productCards(page);
    await expect(cards.first()).toBeVisible();
    const texts = await cards.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('205/55 R16');
  });

  test('Next goes to page 2 with other products', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products'));
    await expect(page.getByTestId('result-count')).toContainText(/^Showing 1–24 of/);
    const firstOnPageOne = await cardName(page, 0);

    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(page.getByTestId('result-count')).toContainText(/^Showing 25–48 of/);
    await expect(page.getByRole('navigation', { name: 'Pagination' }).locator('[aria-current="page"]')).toHaveText('2');
    expect(await cardName(page, 0)).not.toBe(firstOnPageOne);
  });

  test('a listing asks the server for none of its product pages or page numbers in advance', async ({ page }) => {
    // Those are plain links: following one loads the page, so fetching each card's route ahead (a
    // request per card in view) would cost the server and buy nothing.
    const prefetched: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.headers().rsc === '1' && /^\/products(\/|$)/.test(url.pathname)) prefetched.push(`${url.pathname}${url.search}`);
    });
    await page.goto(shopUrl('atraxion', '/products'));
    await expect(productCards(page).first()).toBeVisible();
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    await pagination.scrollIntoViewIfNeeded();
    await expect(pagination.getByRole('link', { name: /Next/ })).toHaveAttribute('href', /[?&]page=2\b/);
    await page.waitForLoadState('networkidle');
    expect(prefetched.filter((path) => path.startsWith('/products/') || /[?&]page=/.test(path))).toEqual([]);
  });

  test('sorting by price, low to high, orders the page by price', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products'));
    const sort = page.getByLabel('Sort by');
    await waitForHydration(sort);
    await sort.selectOption({ label: 'Price: low to high' });

    await expect(page).toHaveURL(/[?&]sort=price-asc\b/);
    await expect(page.getByLabel('Sort by')).toHaveValue('price-asc');
    const prices = await pricesOnPage(page);
    expect(prices.length).toBeGreaterThan(1);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  test('sorting keeps the active filters', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products?brand=continental'));
    const sort = page.getByLabel('Sort by');
    await waitForHydration(sort);
    await sort.selectOption('price-desc');

    await expect(page).toHaveURL(/[?&]sort=price-desc\b/);
    await expect(page).toHaveURL(/[?&]brand=continental\b/);
    expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Continental']));
    const prices = await pricesOnPage(page);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  test('a page number past the end goes to the last page, not an error', async ({ page }) => {
    const response = await page.goto(shopUrl('atraxion', '/products?page=400'));
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/[?&]page=\d+$/);
    const last = Number(new URL(page.url()).searchParams.get('page'));
    expect(last).toBeLessThan(400);
    await expect(productCards(page).first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Pagination' }).locator('[aria-current="page"]')).toHaveText(String(last));
    await expect(page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Next/ })).toHaveCount(0);
  });

  test('a search past its last page shows an empty page, not an error', async ({ page }) => {
    const response = await page.goto(shopUrl('atraxion', '/products?q=michelin&page=400'));
    expect(response?.status()).toBe(200);
    await expect(page.getByText('This page is past the end of the results.')).toBeVisible();
    await expect(productCards(page)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Show all products' })).toBeVisible();
  });

  test('a tyre product page shows price, stock and the EU tyre label', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products?category=summer-tyres'));
    const name = await cardName(page, 0);
    await productCards(page).first().getByRole('link', { name }).click();

    await expect(page).toHaveURL(/\/products\/[^/?#]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page).toHaveTitle(`${name} · Atraxion`);

    const main = page.getByRole('main');
    await expect(main.getByTestId('price')).toHaveText(/€[\d,]+\.\d{2}\s*excl\. VAT/);
    await expect(main.getByText(/^● (In stock|Only \d+ left|Out of stock)$/)).toBeVisible();

    const euLabel = main.getByRole('region', { name: 'EU tyre label' });
    await expect(euLabel).toBeVisible();
    await expect(euLabel.getByText('Fuel efficiency')).toBeVisible();
    await expect(euLabel.getByText('Wet grip')).toBeVisible();
    await expect(euLabel.getByText('Rolling noise')).toBeVisible();
    await expect(euLabel).toContainText(/\d+ dB/);
  });

  test('an unknown product is a 404 inside the shop', async ({ page }) => {
    const response = await page.goto(shopUrl('atraxion', '/products/no-such-tyre-205-55-r16'));
    expect(response?.status()).toBe(404);
    await expect(page.locator('[data-tenant]')).toHaveAttribute('data-tenant', 'atraxion');
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  });
});
