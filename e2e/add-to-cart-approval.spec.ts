import { expect, test, type Page } from '@playwright/test';
import { main, orderBlocked, signInToOrder } from './support/accounts';
import { cardHref, productCards } from './support/catalog';
import { decide, newVisitor, openCustomer, registerBusiness, type ShopCustomer } from './support/customers';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';

/*
 * Only an approved account is offered a way to order, on every page it gets, however that page was
 * rendered or kept: customers with the same margin (none) whose accounts are pending, refused or approved
 * ask for the same listing and product page in turn, and each gets what its own account allows. An
 * owner's decision shows on the customer's next page.
 */
// In stock, so an approved account has something to put in the cart.
const LISTING = '/products?brand=michelin&stock=1';

const addToCart = (page: Page) => main(page).getByTestId('add-to-cart');
const addToCartButtons = (page: Page) => page.getByRole('button', { name: /add to cart/i });

/** The listing offers no way to order (whoever asks: only a product page has the order panel). */
async function expectListingWithoutOrdering(page: Page, who: string): Promise<void> {
  const response = await page.goto(shopUrl('acme', LISTING));
  expect(response?.status(), who).toBe(200);
  await expect(productCards(page).first()).toBeVisible();
  await expect(addToCart(page), who).toHaveCount(0);
  await expect(addToCartButtons(page), who).toHaveCount(0);
}

async function openProduct(page: Page, path: string): Promise<void> {
  const response = await page.goto(shopUrl('acme', path));
  expect(response?.status()).toBe(200);
  await expect(main(page).getByText(/^Article number /)).toBeVisible();
}

async function expectCanOrder(customer: ShopCustomer, path: string): Promise<void> {
  await openProduct(customer.page, path);
  await expect(addToCart(customer.page).getByRole('button', { name: 'Add to cart' }), customer.name).toBeVisible();
  await expect(orderBlocked(customer.page), customer.name).toHaveCount(0);
}

async function expectCannotOrder(customer: ShopCustomer, path: string, why: RegExp): Promise<void> {
  await openProduct(customer.page, path);
  await expect(orderBlocked(customer.page), customer.name).toContainText(why);
  await expect(addToCart(customer.page), customer.name).toHaveCount(0);
  await expect(addToCartButtons(customer.page), customer.name).toHaveCount(0);
  await expectListingWithoutOrdering(customer.page, customer.name);
}

const PENDING = /waiting for approval/;
const REFUSED = /not approved/;

test('pending and refused customers are never offered add-to-cart, approved ones are, and a decision shows on the next page', async ({ browser }) => {
  test.setTimeout(240_000);
  const visitor = await newVisitor(browser);
  await visitor.goto(shopUrl('acme', LISTING));
  const path = await cardHref(visitor, 0);

  // acme approves a Belgian company at once and keeps a German one waiting.
  const approved = await registerBusiness(browser, 'acme', 'Approved Anna');
  const pending = await registerBusiness(browser, 'acme', 'Pending Paula', 'DE');
  const refused = await registerBusiness(browser, 'acme', 'Refused Rita', 'DE');
  const owner = await (await browser.newContext()).newPage();
  await signInToDashboard(owner, 'acme', '/dashboard/customers');
  await openCustomer(owner, 'acme', refused.email);
  await decide(owner, 'Reject');

  // In turn, each right after another whose account allows something else.
  for (let round = 0; round < 2; round++) {
    await expectCanOrder(approved, path);
    await expectCannotOrder(pending, path, PENDING);
    await expectCanOrder(approved, path);
    await expectCannotOrder(refused, path, REFUSED);
    await openProduct(visitor, path);
    await expect(signInToOrder(visitor)).toBeVisible();
    await expect(addToCart(visitor)).toHaveCount(0);
    await expectCannotOrder(pending, path, PENDING);
  }
  await expectListingWithoutOrdering(approved.page, approved.name);

  // The owner approves the waiting account and revokes the approved one: both see it on their next page.
  await openCustomer(owner, 'acme', pending.email);
  await decide(owner, 'Approve');
  await expectCanOrder(pending, path);
  await openCustomer(owner, 'acme', approved.email);
  await decide(owner, 'Revoke approval');
  await expectCannotOrder(approved, path, REFUSED);
  await expectCanOrder(pending, path);
  await expectCannotOrder(approved, path, REFUSED);
  await Promise.all([visitor, approved.page, pending.page, refused.page, owner].map((page) => page.context().close()));
});
