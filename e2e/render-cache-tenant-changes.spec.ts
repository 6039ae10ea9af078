import { expect, test, type Page } from '@playwright/test';
import { main } from './support/accounts';
import { brandsOnPage, cardHref, cardName, pricesOnPage, priceCents, waitForHydration } from './support/catalog';
import { DEMO_BUYER, newVisitor, registerBusiness, signedInDemoBuyer, withMargin } from './support/customers';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';
import { overridePrice } from './support/prices';

/*
 * An owner's assortment or price change is on the next page of that shop, for visitors and for signed-in
 * customers (with their margin), listing and product page alike; the same address at another shop is
 * still the page it was, served from the render cache as before (`x-nextjs-cache: HIT`). The signed-out
 * listing of a price change alone is in render-cache.spec.ts.
 */
/** Loads a page and says whether Next.js answered it from the render cache. */
async function load(page: Page, url: string): Promise<string | undefined> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  return response?.headers()['x-nextjs-cache'];
}

/** Requests a signed-out listing until it is served from the render cache. */
async function warm(page: Page, url: string): Promise<void> {
  await expect.poll(() => load(page, url), { message: `${url} is cached` }).toBe('HIT');
}

/** What a listing shows: each card's name and price, in order. */
async function cards(page: Page): Promise<string[]> {
  const prices = await pricesOnPage(page);
  const names = await Promise.all(prices.map((_, i) => cardName(page, i)));
  return names.map((name, i) => `${name}: ${prices[i]}`);
}

async function productPrice(page: Page, url: string): Promise<number> {
  await load(page, url);
  return priceCents(main(page).getByTestId('price').first());
}

/** Ticks or unticks one brand of acme's assortment in the dashboard and saves it. */
async function setAcmeBrand(owner: Page, brand: string, shown: boolean): Promise<void> {
  await owner.goto(shopUrl('acme', '/dashboard/assortment'));
  const save = main(owner).getByRole('button', { name: 'Save assortment' });
  await waitForHydration(save);
  await main(owner).getByTestId('assortment-brandIds').getByRole('checkbox', { name: brand, exact: true }).setChecked(shown);
  await save.click();
  await expect(main(owner).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('an assortment change is on that shop’s next page, signed out and signed in, and nowhere else', async ({ browser }) => {
  test.setTimeout(180_000);
  // By name, acme's first page is all Continental (it sells Continental and Michelin only).
  const listing = '/products?sort=name';
  const visitor = await newVisitor(browser);
  await warm(visitor, shopUrl('acme', listing));
  expect(new Set(await brandsOnPage(visitor))).toEqual(new Set(['Continental']));
  await warm(visitor, shopUrl('atraxion', listing));
  const atraxionPage = await cards(visitor);
  const buyer = await signedInDemoBuyer(browser);
  await load(buyer, shopUrl('acme', listing));
  expect(new Set(await brandsOnPage(buyer))).toEqual(new Set(['Continental']));
  // A signed-in customer at the other shop (waiting for approval there, which does not change prices).
  const elsewhere = await registerBusiness(browser, 'atraxion', 'Atraxion Arne');
  await load(elsewhere.page, shopUrl('atraxion', listing));
  const atraxionSignedIn = await cards(elsewhere.page);

  const owner = await (await browser.newContext()).newPage();
  await signInToDashboard(owner, 'acme', '/dashboard/assortment');
  await setAcmeBrand(owner, 'Continental', false);
  try {
    for (const page of [visitor, buyer, visitor, buyer]) {
      await load(page, shopUrl('acme', listing));
      expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Michelin']));
    }
    expect(await load(visitor, shopUrl('atraxion', listing))).toBe('HIT');
    expect(await cards(visitor)).toEqual(atraxionPage);
    await load(elsewhere.page, shopUrl('atraxion', listing));
    expect(await cards(elsewhere.page)).toEqual(atraxionSignedIn);
  } finally {
    await setAcmeBrand(owner, 'Continental', true);
  }
  for (const page of [visitor, buyer]) {
    await load(page, shopUrl('acme', listing));
    expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Continental']));
  }
  await Promise.all([visitor, buyer, elsewhere.page, owner].map((page) => page.context().close()));
});

test('a price override is on that shop’s next listing and product page, with each customer’s margin, and nowhere else', async ({ browser }) => {
  test.setTimeout(180_000);
  const listing = '/products?brand=michelin&sort=price-desc';
  const visitor = await newVisitor(browser);
  await load(visitor, shopUrl('acme', listing));
  const tyre = await cardName(visitor, 0);
  const productPath = await cardHref(visitor, 0);
  const acmePrice = await productPrice(visitor, shopUrl('acme', productPath));
  const sku = (
    await main(visitor)
      .getByText(/^Article number /)
      .innerText()
  )
    .replace('Article number ', '')
    .trim();
  await warm(visitor, shopUrl('atraxion', listing));
  const atraxionPage = await cards(visitor);
  const atraxionPrice = await productPrice(visitor, shopUrl('atraxion', productPath));
  const buyer = await signedInDemoBuyer(browser);
  await load(buyer, shopUrl('acme', listing));
  expect([await cardName(buyer, 0), (await pricesOnPage(buyer))[0]]).toEqual([tyre, withMargin(acmePrice, DEMO_BUYER.marginBp)]);
  expect(await productPrice(buyer, shopUrl('acme', productPath))).toBe(withMargin(acmePrice, DEMO_BUYER.marginBp));
  const elsewhere = await registerBusiness(browser, 'atraxion', 'Atraxion Alma');
  await load(elsewhere.page, shopUrl('atraxion', listing));
  const atraxionSignedIn = await cards(elsewhere.page);

  // The dearest Michelin tyre gets dearer still, so it stays first in this listing.
  const owner = await (await browser.newContext()).newPage();
  await signInToDashboard(owner, 'acme', '/dashboard/prices');
  const withdraw = await overridePrice(owner, 'acme', sku, '9876.54', '€9,876.54');
  try {
    await load(buyer, shopUrl('acme', listing));
    expect([await cardName(buyer, 0), (await pricesOnPage(buyer))[0]]).toEqual([tyre, withMargin(987_654, DEMO_BUYER.marginBp)]);
    expect(await productPrice(buyer, shopUrl('acme', productPath))).toBe(withMargin(987_654, DEMO_BUYER.marginBp));
    await load(visitor, shopUrl('acme', listing));
    expect([await cardName(visitor, 0), (await pricesOnPage(visitor))[0]]).toEqual([tyre, 987_654]);
    expect(await productPrice(visitor, shopUrl('acme', productPath))).toBe(987_654);

    expect(await load(visitor, shopUrl('atraxion', listing))).toBe('HIT');
    expect(await cards(visitor)).toEqual(atraxionPage);
    expect(await productPrice(visitor, shopUrl('atraxion', productPath))).toBe(atraxionPrice);
    await load(elsewhere.page, shopUrl('atraxion', listing));
    expect(await cards(elsewhere.page)).toEqual(atraxionSignedIn);
    expect(await productPrice(elsewhere.page, shopUrl('atraxion', productPath))).toBe(atraxionPrice);
  } finally {
    await withdraw();
  }
  // Withdrawn: the next pages are back at the shop's price.
  expect(await productPrice(buyer, shopUrl('acme', productPath))).toBe(withMargin(acmePrice, DEMO_BUYER.marginBp));
  expect(await productPrice(visitor, shopUrl('acme', productPath))).toBe(acmePrice);
  await Promise.all([visitor, buyer, elsewhere.page, owner].map((page) => page.context().close()));
});
