import { expect, type Locator, type Page } from '@playwright/test';
import { cardHref, productCards, waitForHydration } from './catalog';
import { shopUrl } from './hosts';

export interface NewCustomer {
  name: string;
  email: string;
  password: string;
  companyName?: string;
  vatNumber?: string;
  /** ISO code of the country select, e.g. 'BE'; the shop's default when left out. */
  countryCode?: string;
  phone?: string;
}

/** A fresh address per run, so reruns against a reused server never collide: `b2b-1766400000000@example.test`. */
export function uniqueEmail(name: string): string {
  return `${name}-${Date.now()}@example.test`;
}

/** The page's own content: the header has a search form with its own submit button. */
export const main = (page: Page): Locator => page.locator('main');

export const field = (page: Page, name: string): Locator => page.locator(`#field-${name}`);

export const fieldError = (page: Page, name: string): Locator => page.locator(`#field-${name}-error`);

/** The form's own message (errors are role=alert; Next's route announcer is one too, outside main). */
export const formAlert = (page: Page): Locator => main(page).getByRole('alert');

export async function fillRegistration(page: Page, shop: string, customer: NewCustomer): Promise<void> {
  await page.goto(shopUrl(shop, '/account/register'));
  const submit = main(page).getByRole('button', { name: 'Create account' });
  await waitForHydration(submit);
  await field(page, 'name').fill(customer.name);
  await field(page, 'email').fill(customer.email);
  await field(page, 'password').fill(customer.password);
  if (customer.companyName !== undefined) await field(page, 'companyName').fill(customer.companyName);
  if (customer.vatNumber !== undefined) await field(page, 'vatNumber').fill(customer.vatNumber);
  if (customer.countryCode !== undefined) await field(page, 'countryCode').selectOption(customer.countryCode);
  if (customer.phone !== undefined) await field(page, 'phone').fill(customer.phone);
}

/** Signs up at a shop and waits for the welcome on the account page (registration signs the customer in). */
export async function register(page: Page, shop: string, customer: NewCustomer): Promise<void> {
  await fillRegistration(page, shop, customer);
  await main(page).getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(shopUrl(shop, '/account?welcome=1'));
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${customer.name}`);
}

/** Fills and submits the sign-in form of the page already open (keeps its callbackUrl). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  const submit = main(page).getByRole('button', { name: 'Sign in' });
  await waitForHydration(submit);
  await field(page, 'email').fill(email);
  await field(page, 'password').fill(password);
  await submit.click();
}

export async function signIn(page: Page, shop: string, email: string, password: string): Promise<void> {
  await page.goto(shopUrl(shop, '/account/sign-in'));
  await submitSignIn(page, email, password);
}

const hasSessionCookie = async (page: Page, shop: string): Promise<boolean> =>
  (await page.context().cookies(shopUrl(shop))).some((c) => c.name.startsWith('authjs.session-token'));

/** Signs out with the account page's button and waits until the shop shows the visitor as signed out. */
export async function signOut(page: Page, shop: string): Promise<void> {
  const button = main(page).getByRole('button', { name: 'Sign out' });
  await waitForHydration(button);
  await button.click();
  await expect.poll(() => hasSessionCookie(page, shop), { message: 'the session cookie is cleared' }).toBe(false);
  await expect(page.getByTestId('account-link')).toHaveText('Sign in');
}

export const accountStatus = (page: Page): Locator => page.getByTestId('account-status');

/** A product page path from the shop's own listing, e.g. `/products/michelin-…`. */
export async function someProductPath(page: Page, shop: string): Promise<string> {
  await page.goto(shopUrl(shop, '/products'));
  await expect(productCards(page).first()).toBeVisible();
  return cardHref(page, 0);
}

/** Opens one of the shop's product pages and waits for its order panel's column to be rendered. */
export async function openProductPage(page: Page, shop: string): Promise<string> {
  const path = await someProductPath(page, shop);
  await page.goto(shopUrl(shop, path));
  await expect(main(page).getByRole('heading', { level: 1 })).toBeVisible();
  await expect(main(page).getByText(/^Article number /)).toBeVisible();
  return path;
}

export const orderBlocked = (page: Page): Locator => page.getByTestId('order-blocked');

/** The invitation a signed-out visitor sees where the order button will be. */
export const signInToOrder = (page: Page): Locator => main(page).getByText(/create an account to order/);

/** The same calendar date format as the account page: en-GB long, e.g. "22 December 2026". */
export const longDate = (date: Date): string => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(date);

export function daysFromNow(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/** Adds a delivery address with the form on the account page already open, and waits until it is listed. */
export async function addAddress(page: Page, address: { recipient: string; street: string; postalCode: string; city: string }): Promise<void> {
  const addressForm = main(page)
    .locator('form')
    .filter({ has: page.getByLabel('Street and number') });
  await waitForHydration(addressForm.getByRole('button', { name: 'Add address' }));
  await addressForm.getByLabel('Recipient').fill(address.recipient);
  await addressForm.getByLabel('Street and number').fill(address.street);
  await addressForm.getByLabel('Postal code').fill(address.postalCode);
  await addressForm.getByLabel('City').fill(address.city);
  await addressForm.getByRole('button', { name: 'Add address' }).click();
  // The new address shows in the address book (the add form folds away once there is one).
  await expect(main(page).locator('address').filter({ hasText: address.street })).toBeVisible();
}
