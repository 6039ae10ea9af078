import { expect, test } from '@playwright/test';
import { signIn } from './support/accounts';
import { cardHref, pricesOnPage, priceCents, productCards } from './support/catalog';
import { shopUrl } from './support/hosts';

// The demo customer at ACME has a 5 % personal discount (db/seed/seed-demo.ts).
const BUYER = { email: 'buyer@acme.test', password: 'storefleet-demo' };
const withDiscount = (cents: number) => Math.floor((cents * 9_500 + 5_000) / 10_000);

test.describe('Customer pricing', () => {
  test('a customer’s own discount shows on the listing and the product page alike', async ({ page }) => {
    const listing = shopUrl('acme', '/products?sort=name');
    await page.goto(listing);
    await expect(productCards(page).first()).toBeVisible();
    const anonymous = await pricesOnPage(page);
    const productPath = await cardHref(page, 0);

    await signIn(page, 'acme', BUYER.email, BUYER.password);
    await expect(page.getByTestId('account-link')).toHaveText(/Demo Garage/);
    await page.goto(listing);
    await expect(productCards(page).first()).toBeVisible();
    expect(await pricesOnPage(page)).toEqual(anonymous.map(withDiscount));

    await page.goto(shopUrl('acme', productPath));
    expect(await priceCents(page.locator('main [data-testid="price"]').first())).toBe(withDiscount(anonymous[0]!));
  });

  test('the discount never reaches visitors or another shop', async ({ page }) => {
    await signIn(page, 'acme', BUYER.email, BUYER.password);
    await expect(page.getByTestId('account-link')).toHaveText(/Demo Garage/);
    await page.goto(shopUrl('atraxion', '/products?sort=name&brand=michelin'));
    const atAtraxion = await pricesOnPage(page);
    const visitor = await page.context().browser()!.newPage();
    await visitor.goto(shopUrl('atraxion', '/products?sort=name&brand=michelin'));
    expect(await pricesOnPage(visitor)).toEqual(atAtraxion);
    await visitor.close();
  });
});
