import { expect, test, type Browser, type Page } from '@playwright/test';
import { cardHref, pricesOnPage, priceCents } from './support/catalog';
import { decide, DEMO_BUYER, newVisitor, openCustomer, registerBusiness, saveMargin, signedInDemoBuyer, withMargin } from './support/customers';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';

/*
 * Nobody is ever served another buyer's prices: customers of one shop with different margins and a
 * visitor asking for the same listing one right after the other, interleaved and at the same time, each
 * get the shop's prices with their own margin; customers of two shops with the same margin each get
 * their own shop's prices for the same address.
 */
// The five cheapest Michelin tyres are the ones acme sells 10 % below base (db/seed/demo-tenants.ts), so
// acme's and atraxion's first page of this listing differ.
const LISTING = '/products?brand=michelin&sort=price-asc';

interface Viewer {
  label: string;
  page: Page;
  marginBp: number;
  /** What the header names; a visitor gets "Sign in". */
  name: string | null;
}

/** Loads a page and checks that it charges the viewer's own prices and names the viewer. */
async function expectOwnPage(viewer: Viewer, url: string, read: (page: Page) => Promise<number[]>, list: number[]): Promise<void> {
  const response = await viewer.page.goto(url);
  expect(response?.status(), `${viewer.label}: ${url}`).toBe(200);
  expect(await read(viewer.page), `${viewer.label}: ${url}`).toEqual(list.map((cents) => withMargin(cents, viewer.marginBp)));
  const header = viewer.page.getByTestId('account-link');
  if (viewer.name === null) await expect(header).toHaveText('Sign in');
  else await expect(header).toContainText(viewer.name);
}

const productPagePrice = async (page: Page) => [await priceCents(page.locator('main [data-testid="price"]').first())];

/** A customer of the shop with this margin, set by its owner (approved first where the shop reviews accounts). */
async function customerWithMargin(browser: Browser, shop: string, label: string, marginBp: number, approve: boolean): Promise<Viewer> {
  const customer = await registerBusiness(browser, shop, label);
  const owner = await (await browser.newContext()).newPage();
  await signInToDashboard(owner, shop, '/dashboard/customers');
  await openCustomer(owner, shop, customer.email);
  if (approve) await decide(owner, 'Approve');
  await saveMargin(owner, marginBp);
  await owner.context().close();
  return { label, page: customer.page, marginBp, name: customer.name };
}

async function signedInBuyer(browser: Browser): Promise<Viewer> {
  return { label: 'buyer', page: await signedInDemoBuyer(browser), marginBp: DEMO_BUYER.marginBp, name: DEMO_BUYER.name };
}

const closeAll = (viewers: Viewer[]) => Promise.all(viewers.map((v) => v.page.context().close()));

test('two customers with different margins and a visitor never see each other’s prices for the same listing', async ({ browser }) => {
  test.setTimeout(180_000);
  const visitor: Viewer = { label: 'visitor', page: await newVisitor(browser), marginBp: 0, name: null };
  await visitor.page.goto(shopUrl('acme', LISTING));
  const list = await pricesOnPage(visitor.page);
  const productPath = await cardHref(visitor.page, 0);
  const productUrl = shopUrl('acme', productPath);

  const surcharged = await customerWithMargin(browser, 'acme', 'Surcharge Sam', 1_000, false);
  const buyer = await signedInBuyer(browser);
  const viewers = [surcharged, buyer, visitor];
  const listingUrl = shopUrl('acme', LISTING);

  // One after the other, in an order where each follows each.
  for (const viewer of [surcharged, buyer, surcharged, visitor, buyer, buyer, visitor, surcharged, visitor, buyer]) {
    await expectOwnPage(viewer, listingUrl, pricesOnPage, list);
  }
  // The product page of the listing's first tyre, likewise.
  for (const viewer of [buyer, surcharged, visitor, surcharged, buyer, visitor]) {
    await expectOwnPage(viewer, productUrl, productPagePrice, list.slice(0, 1));
  }
  // All at once, a few times over.
  for (let round = 0; round < 3; round++) {
    await Promise.all(viewers.map((viewer) => expectOwnPage(viewer, listingUrl, pricesOnPage, list)));
    await Promise.all(viewers.map((viewer) => expectOwnPage(viewer, productUrl, productPagePrice, list.slice(0, 1))));
  }
  await closeAll(viewers);
});

test('customers with the same margin at two shops each pay their own shop’s price for the same listing', async ({ browser }) => {
  test.setTimeout(180_000);
  const visitor = await newVisitor(browser);
  await visitor.goto(shopUrl('acme', LISTING));
  const atAcme = await pricesOnPage(visitor);
  await visitor.goto(shopUrl('atraxion', LISTING));
  const atAtraxion = await pricesOnPage(visitor);
  expect(atAcme, 'acme and atraxion price this listing differently').not.toEqual(atAtraxion);

  // Atraxion reviews every account: its owner approves this one and gives it acme's buyer's margin.
  const buyer = await signedInBuyer(browser);
  const atraxionBuyer = await customerWithMargin(browser, 'atraxion', 'Atraxion Ada', DEMO_BUYER.marginBp, true);
  for (const [viewer, shop, list] of [
    [buyer, 'acme', atAcme],
    [atraxionBuyer, 'atraxion', atAtraxion],
    [buyer, 'acme', atAcme],
    [atraxionBuyer, 'atraxion', atAtraxion],
    [atraxionBuyer, 'atraxion', atAtraxion],
    [buyer, 'acme', atAcme],
  ] as const) {
    await expectOwnPage(viewer, shopUrl(shop, LISTING), pricesOnPage, list);
  }
  await Promise.all([
    expectOwnPage(buyer, shopUrl('acme', LISTING), pricesOnPage, atAcme),
    expectOwnPage(atraxionBuyer, shopUrl('atraxion', LISTING), pricesOnPage, atAtraxion),
  ]);
  await closeAll([buyer, atraxionBuyer]);
  await visitor.context().close();
});
