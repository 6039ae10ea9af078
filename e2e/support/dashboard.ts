import { expect, type Page } from '@playwright/test';
import { field, main } from './accounts';
import { waitForHydration } from './catalog';
import { shopUrl } from './hosts';

/** Every demo shop has an owner `owner@<subdomain>.test` with the demo password. */
const OWNER_PASSWORD = 'storefleet-demo';
const ownerOf = (shop: string) => ({ email: `owner@${shop}.test`, password: OWNER_PASSWORD });

/** Signs the shop's owner in to its dashboard and lands on `next`. */
export async function signInToDashboard(page: Page, shop: string, next: string): Promise<void> {
  await page.goto(shopUrl(shop, `/dashboard/sign-in?callbackUrl=${encodeURIComponent(next)}`));
  const submit = main(page).getByRole('button', { name: 'Sign in to the dashboard' });
  await waitForHydration(submit);
  await field(page, 'email').fill(ownerOf(shop).email);
  await field(page, 'password').fill(OWNER_PASSWORD);
  await submit.click();
  await expect(page).toHaveURL(shopUrl(shop, next));
}
