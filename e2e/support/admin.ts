import { expect, type Page } from '@playwright/test';
import { adminUrl } from './hosts';

/** The seeded platform operator. */
const ADMIN = { email: 'admin@storefleet.test', password: 'storefleet-admin-2026' };

/** Signs the operator in to the console and waits for the tenant list. */
export async function signInAsAdmin(page: Page): Promise<void> {
  const main = page.locator('main');
  await page.goto(adminUrl('/sign-in'));
  await main.getByLabel('Email address').fill(ADMIN.email);
  await main.getByLabel('Password').fill(ADMIN.password);
  await main.getByRole('button', { name: 'Sign in to the console' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
}
