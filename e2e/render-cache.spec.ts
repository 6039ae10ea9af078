import { expect, test, type Page } from '@playwright/test';
import { field, main, signIn } from './support/accounts';
import { cardName, priceCents, productCards, waitForHydration } from './support/catalog';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';

/*
 * The render cache, as a visitor and an owner notice it: a signed-out visitor's listing comes from the
 * cache; the owner's new price shows on the very next request, on that shop only; a signed-in
 * customer's own prices are rendered for them and never served to anybody else.
 */
const LISTING = '/products?sort=price-desc';
// The demo customer at ACME has a 5 % personal discount (db/seed/seed-demo.ts).
const BUYER = { email: 'buyer@acme.test', password: 'storefleet-demo' };
const withDiscount = (cents: number) => Math.floor((cents * 9_500 + 5_000) / 10_000);

async function firstCard(page: Page): Promise<{ name: string; cents: number }> {
  return { name: await cardName(page, 0), cents: await priceCents(productCards(page).first().getByTestId('price')) };
}

/** Loads a page and says whether Next.js answered it from the render cache. */
async function load(page: Page, url: string): Promise<string | undefined> {
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await expect(productCards(page).first()).toBeVisible();
  return response?.headers()['x-nextjs-cache'];
}

test('a price change shows on the next request of that shop, and never on another shop', async ({ browser }) => {
  test.setTimeout(120_000);
  const visitor = await browser.newPage();
  await load(visitor, shopUrl('acme', LISTING));
  const before = await firstCard(visitor);
  expect(await load(visitor, shopUrl('acme', LISTING))).toBe('HIT');
  await load(visitor, shopUrl('atraxion', LISTING));
  const otherShop = await firstCard(visitor);
  expect(await load(visitor, shopUrl('atraxion', LISTING))).toBe('HIT');

  // The owner of acme prices a tyre above everything else in the shop.
  const owner = await browser.newPage();
  await signInToDashboard(owner, 'acme', '/dashboard/prices');
  const search = owner.getByRole('searchbox', { name: 'Search articles' });
  await search.fill('Michelin');
  await search.press('Enter');
  const unpriced = owner
    .getByTestId('price-row')
    .filter({ has: owner.locator('td:last-child', { hasText: /^0$/ }) })
    .first();
  const tyre = await unpriced.getByRole('link').innerText();
  await unpriced.getByRole('link').click();
  const panel = owner.getByTestId('article-prices');
  await expect(panel.getByRole('heading', { name: tyre })).toBeVisible();
  const add = panel.getByRole('button', { name: 'Add price' });
  await waitForHydration(add);
  await field(owner, 'price').fill('9876.54');
  await add.click();
  await expect(panel.getByTestId('current-price')).toHaveText('€9,876.54');

  try {
    await load(visitor, shopUrl('acme', LISTING));
    expect(await firstCard(visitor)).toEqual({ name: tyre, cents: 987_654 });
    // The other shop still has its own page, from its own cache.
    expect(await load(visitor, shopUrl('atraxion', LISTING))).toBe('HIT');
    expect(await firstCard(visitor)).toEqual(otherShop);
  } finally {
    await panel
      .getByTestId('override-row')
      .getByRole('button', { name: /Delete/ })
      .click();
    await expect(panel.getByTestId('override-row')).toHaveCount(0);
  }
  // Withdrawn: the next request is back to the shop's list price.
  await load(visitor, shopUrl('acme', LISTING));
  expect(await firstCard(visitor)).toEqual(before);
  await owner.close();
  await visitor.close();
});

test('a signed-in customer’s prices are rendered for them alone', async ({ browser }) => {
  const visitor = await browser.newPage();
  await load(visitor, shopUrl('acme', LISTING));
  const listPrice = (await firstCard(visitor)).cents;

  const buyer = await browser.newPage();
  await signIn(buyer, 'acme', BUYER.email, BUYER.password);
  await expect(buyer.getByTestId('account-link')).toHaveText(/Demo Garage/);
  expect(await load(buyer, shopUrl('acme', LISTING))).toBeUndefined(); // rendered for this request
  await expect(main(buyer).getByTestId('price').first()).toBeVisible();
  expect((await firstCard(buyer)).cents).toBe(withDiscount(listPrice));
  await expect(buyer.getByTestId('account-link')).toHaveText(/Demo Garage/);

  // Straight after, a visitor gets the list price and a "Sign in" link, not the buyer's page.
  const next = await browser.newPage();
  await load(next, shopUrl('acme', LISTING));
  expect((await firstCard(next)).cents).toBe(listPrice);
  await expect(next.getByTestId('account-link')).toHaveText('Sign in');
  await Promise.all([visitor.close(), buyer.close(), next.close()]);
});
