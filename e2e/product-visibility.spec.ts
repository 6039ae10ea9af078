import { test, expect, type Page } from '@playwright/test';
import { brandsOnPage, cardHref, priceCents, productCards } from './support/catalog';
import { shopUrl } from './support/hosts';

const ACME_BRANDS = ['Michelin', 'Continental'];

/** A product page path taken from a tenant's own listing, e.g. atraxion's Pirelli tyres. */
async function firstProductPath(page: Page, sub: string, query: string): Promise<string> {
  await page.goto(shopUrl(sub, `/products?${query}`));
  await expect(productCards(page).first()).toBeVisible();
  return cardHref(page, 0);
}

test.describe('Product visibility', () => {
  test('Product visibility by brand', async ({ page }) => {
    // When I browse the product catalog as an ACME customer
    await page.goto(shopUrl('acme', '/products'));
    await expect(productCards(page).first()).toBeVisible();

    // Then I should only see products from "Michelin" and "Continental"
    const brands = await brandsOnPage(page);
    expect(brands.length).toBeGreaterThan(0);
    for (const brand of brands) expect(ACME_BRANDS).toContain(brand);

    const filters = page.getByRole('form', { name: 'Filter products' });
    const brandFacet = filters.getByRole('group', { name: 'Brand' });
    await expect(brandFacet.getByRole('checkbox')).toHaveCount(2);
    await expect(brandFacet.getByRole('checkbox', { name: /^Michelin\b/ })).toBeVisible();
    await expect(brandFacet.getByRole('checkbox', { name: /^Continental\b/ })).toBeVisible();

    // And I should not see products from "Pirelli": not by search ...
    await page.goto(shopUrl('acme', '/products?q=pirelli'));
    await expect(page.getByTestId('result-count')).toHaveText('No products found');
    await expect(page.getByText('Nothing matches these filters.')).toBeVisible();
    await expect(productCards(page)).toHaveCount(0);

    // ... nor by brand filter in the URL: a brand the shop does not show is left out, as an unknown one is ...
    await page.goto(shopUrl('acme', '/products?brand=pirelli'));
    await expect(page).toHaveURL(/\/products$/);
    for (const brand of await brandsOnPage(page)) expect(ACME_BRANDS).toContain(brand);

    // ... nor by the product's own address, which works at a tenant that may see it.
    const pirelliPath = await firstProductPath(page, 'atraxion', 'brand=pirelli');
    const onAcme = await page.goto(shopUrl('acme', pirelliPath));
    expect(onAcme?.status(), `${pirelliPath} on acme`).toBe(404);
    await expect(page.getByTestId('price')).toHaveCount(0);
    await expect(page.getByText(/Pirelli/)).toHaveCount(0);

    const onAtraxion = await page.goto(shopUrl('atraxion', pirelliPath));
    expect(onAtraxion?.status(), `${pirelliPath} on atraxion`).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pirelli');
  });

  test('the ACME catalog is as large as its Michelin and Continental facets together', async ({ page }) => {
    await page.goto(shopUrl('acme', '/products'));
    const brandFacet = page.getByRole('form', { name: 'Filter products' }).getByRole('group', { name: 'Brand' });
    await expect(brandFacet.getByRole('checkbox')).toHaveCount(2);
    const facetCounts = (await brandFacet.getByRole('listitem').allInnerTexts()).map((t) => Number(/(\d+)\s*$/.exec(t)?.[1]));
    expect(facetCounts).toHaveLength(2);
    const total = facetCounts.reduce((a, b) => a + b, 0);
    await expect(page.getByTestId('result-count')).toContainText(`of ${total.toLocaleString('en')} products`);
  });

  test('Atraxion sees Pirelli', async ({ page }) => {
    await page.goto(shopUrl('atraxion', '/products?q=pirelli'));
    await expect(productCards(page).first()).toBeVisible();

    await page.goto(shopUrl('atraxion', '/products?brand=pirelli'));
    await expect(productCards(page).first()).toBeVisible();
    const brands = await brandsOnPage(page);
    expect(new Set(brands)).toEqual(new Set(['Pirelli']));

    // Atraxion has no brand restriction: more brands in its facet than ACME's two.
    await page.goto(shopUrl('atraxion', '/products'));
    const brandFacet = page.getByRole('form', { name: 'Filter products' }).getByRole('group', { name: 'Brand' });
    await expect(brandFacet.getByRole('checkbox', { name: /^Pirelli\b/ })).toBeVisible();
    expect(await brandFacet.getByRole('checkbox').count()).toBeGreaterThan(2);
  });

  test('B2C shop shows prices incl. VAT, B2B shops excl. VAT', async ({ page }) => {
    await page.goto(shopUrl('consumer', '/products'));
    await expect(page.locator('[data-tenant]')).toHaveAttribute('data-tenant', 'consumer');
    const consumerPrices = productCards(page).getByTestId('price');
    await expect(consumerPrices.first()).toBeVisible();
    for (const text of await consumerPrices.allInnerTexts()) expect(text).toContain('incl. VAT');

    await page.goto(shopUrl('acme', '/products'));
    const acmePrices = productCards(page).getByTestId('price');
    await expect(acmePrices.first()).toBeVisible();
    for (const text of await acmePrices.allInnerTexts()) {
      expect(text).toContain('excl. VAT');
      expect(text).not.toContain('incl. VAT');
    }
  });

  test('the B2C tyre shop has no wheels', async ({ page }) => {
    const wheelPath = await firstProductPath(page, 'atraxion', 'category=alloy-wheels');

    const response = await page.goto(shopUrl('consumer', wheelPath));
    expect(response?.status(), `${wheelPath} on consumer`).toBe(404);
    await expect(page.getByTestId('price')).toHaveCount(0);

    // A wheel category in the URL is left out (the shop has none), so only tyres show.
    await page.goto(shopUrl('consumer', '/products?category=alloy-wheels'));
    await expect(page).toHaveURL(/\/products$/);
    await expect(productCards(page).first()).toBeVisible();
    for (const text of await productCards(page).allInnerTexts()) expect(text).not.toMatch(/\d\.\dJx/);

    // The category filter only offers tyre categories.
    await page.goto(shopUrl('consumer', '/products'));
    await expect(page.getByLabel('Category', { exact: true })).toBeVisible();
    const categories = await page.getByLabel('Category', { exact: true }).locator('option').allTextContents();
    expect(categories.length).toBeGreaterThan(1);
    for (const label of categories) expect(label).not.toMatch(/wheel/i);
  });

  test('a B2C price is the B2B net price plus 21 % VAT, rounded to the cent', async ({ page }) => {
    // Atraxion has no price overrides, so its net price is the base price the consumer shop also starts from.
    await page.goto(shopUrl('atraxion', '/products?category=summer-tyres'));
    await expect(productCards(page).first()).toBeVisible();
    const paths = await Promise.all([0, 1, 2].map((i) => cardHref(page, i)));

    for (const path of paths) {
      await page.goto(shopUrl('atraxion', path));
      const price = page.getByRole('main').getByTestId('price');
      await expect(price).toContainText('excl. VAT');
      const netCents = await priceCents(price);
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toBeVisible();
      const name = (await heading.innerText()).trim();

      await page.goto(shopUrl('consumer', path));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      const grossPrice = page.getByRole('main').getByTestId('price');
      await expect(grossPrice).toContainText('incl. VAT');
      expect(await priceCents(grossPrice), `${path}: ${netCents} cents net × 1.21`).toBe(Math.round((netCents * 121) / 100));
    }
  });
});
