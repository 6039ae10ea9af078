import { expect, test, type Page } from '@playwright/test';
import { cardHref, pricesOnPage, priceCents } from './support/catalog';
import { newVisitor, openCustomer, registerBusiness, saveMargin, withMargin } from './support/customers';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';

/*
 * A customer's margin, changed by the owner in the dashboard, is what that customer's very next
 * listing and product page charge: whatever the shop keeps of pages it rendered before (for this
 * customer, for customers with the margin they had, or for visitors), none of it outlives the change.
 */
const LISTING = '/products?brand=continental&sort=price-asc';

async function listingPrices(page: Page): Promise<number[]> {
  const response = await page.goto(shopUrl('acme', LISTING));
  expect(response?.status()).toBe(200);
  return pricesOnPage(page);
}

async function productPrice(page: Page, path: string): Promise<number> {
  const response = await page.goto(shopUrl('acme', path));
  expect(response?.status()).toBe(200);
  return priceCents(page.locator('main [data-testid="price"]').first());
}

test('a new margin shows on the customer’s next listing and product page, each time it changes', async ({ browser }) => {
  test.setTimeout(180_000);
  const visitor = await newVisitor(browser);
  const list = await listingPrices(visitor);
  const path = await cardHref(visitor, 0);
  const listPrice = await productPrice(visitor, path);
  expect(listPrice).toBe(list[0]);

  const customer = await registerBusiness(browser, 'acme', 'Margin Marit');
  const owner = await (await browser.newContext()).newPage();
  await signInToDashboard(owner, 'acme', '/dashboard/customers');
  await openCustomer(owner, 'acme', customer.email);

  // A new account pays the shop's prices, and its pages have been rendered (and perhaps kept) so.
  expect(await listingPrices(customer.page)).toEqual(list);
  expect(await productPrice(customer.page, path)).toBe(listPrice);

  // Up, down, and back to none: every step is on the next page, never a page of the margin before.
  for (const marginBp of [1_250, -2_000, 0]) {
    await saveMargin(owner, marginBp);
    expect(await listingPrices(customer.page), `listing at ${marginBp} bp`).toEqual(list.map((cents) => withMargin(cents, marginBp)));
    expect(await productPrice(customer.page, path), `product page at ${marginBp} bp`).toBe(withMargin(listPrice, marginBp));
  }

  // Visitors paid list prices throughout.
  expect(await listingPrices(visitor)).toEqual(list);
  await Promise.all([visitor.context().close(), customer.page.context().close(), owner.context().close()]);
});
