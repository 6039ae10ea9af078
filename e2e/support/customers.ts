import { expect, type Browser, type Page } from '@playwright/test';
import { field, main, register, signIn, uniqueEmail } from './accounts';
import { waitForHydration } from './catalog';
import { shopUrl } from './hosts';

/**
 * Customers of a shop as the tests need them: each signed in in a browser context of its own (its own
 * cookies), their account decided and their margin set by the shop's owner through the dashboard.
 */
export interface ShopCustomer {
  page: Page;
  name: string;
  email: string;
}

/** A Belgian VAT number acme approves at once; a German one waits for the owner there (db/seed/demo-tenants.ts). */
const VAT = { BE: 'BE0417497106', DE: 'DE136695976' } as const;

/** Registers a business at a shop in a fresh browser context, which stays signed in as that customer. */
export async function registerBusiness(browser: Browser, shop: string, label: string, country: keyof typeof VAT = 'BE'): Promise<ShopCustomer> {
  const page = await (await browser.newContext()).newPage();
  const name = `${label} ${Date.now().toString(36)}`;
  const email = uniqueEmail(label.toLowerCase().replace(/\W+/g, '-'));
  await register(page, shop, { name, email, password: 'correct horse battery', companyName: `${name} BV`, vatNumber: VAT[country], countryCode: country });
  return { page, name, email };
}

/** A signed-out visitor in a browser context of its own. */
export async function newVisitor(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The demo customer at acme, with a 5 % personal discount (db/seed/seed-demo.ts). */
export const DEMO_BUYER = { email: 'buyer@acme.test', password: 'storefleet-demo', name: 'Demo Garage', marginBp: -500 };

/** The demo customer, signed in at acme in a browser context of its own. */
export async function signedInDemoBuyer(browser: Browser): Promise<Page> {
  const page = await newVisitor(browser);
  await signIn(page, 'acme', DEMO_BUYER.email, DEMO_BUYER.password);
  await expect(page.getByTestId('account-link')).toContainText(DEMO_BUYER.name);
  return page;
}

/** The price a customer pays for a net price: their margin in basis points on top, rounded half up (lib/pricing/customer-margin.ts). */
export function withMargin(cents: number, marginBp: number): number {
  if (marginBp === 0) return cents;
  return Math.max(1, Math.floor((cents * (10_000 + marginBp) + 5_000) / 10_000));
}

/** Opens a customer's page in the dashboard of a shop whose owner `staff` is signed in to. */
export async function openCustomer(staff: Page, shop: string, email: string): Promise<void> {
  await staff.goto(shopUrl(shop, `/dashboard/customers?q=${encodeURIComponent(email)}`));
  const row = staff.getByTestId('customer-row');
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(staff.getByTestId('customer-email')).toHaveText(email);
}

/** "−7.5 %", "+10 %", "0 %", as the customer page shows a margin. */
const marginLabel = (bp: number) => (bp === 0 ? '0 %' : `${bp < 0 ? '−' : '+'}${Math.abs(bp) / 100} %`);

/** Saves a margin on the customer page open in `staff`, and waits until the page shows it stored. */
export async function saveMargin(staff: Page, marginBp: number): Promise<void> {
  const save = main(staff).getByRole('button', { name: 'Save margin' });
  await waitForHydration(save);
  await field(staff, 'marginPercent').fill(String(marginBp / 100));
  await save.click();
  await expect(staff.getByTestId('customer-margin')).toHaveText(marginLabel(marginBp));
}

const decided = { Approve: /^Active/, Reject: /^Rejected$/, 'Revoke approval': /^Approval revoked$/ } as const;

/** Takes a decision on the customer page open in `staff`, and waits until the page shows the new status. */
export async function decide(staff: Page, decision: keyof typeof decided): Promise<void> {
  const button = main(staff).getByRole('button', { name: decision, exact: true });
  await waitForHydration(button);
  await button.click();
  await expect(staff.getByTestId('customer-status-text')).toHaveText(decided[decision]);
}
