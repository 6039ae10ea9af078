import { test, expect } from '@playwright/test';
import { accountStatus, field, main, register, uniqueEmail, type NewCustomer } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { latestEmailTo } from './support/mailbox';
import { signInToDashboard } from './support/dashboard';

/*
 * The shop owner's customer review, end to end: a German business registers at acme (which
 * auto-approves Belgian and Dutch VAT numbers only, so this one waits), the owner finds it in the
 * dashboard, approves it, gives it a discount, and the customer sees the change.
 */
const OWNER = { email: 'owner@acme.test', password: 'storefleet-demo' };

test('the owner finds a pending customer, approves them and sets a discount', async ({ page, browser }) => {
  const customer: NewCustomer = {
    name: 'Greta Gummi',
    email: uniqueEmail('dashboard-de'),
    password: 'correct-horse-battery',
    companyName: 'Gummi Reifen GmbH',
    vatNumber: 'DE136695976',
    countryCode: 'DE',
  };
  await register(page, 'acme', customer);
  await expect(accountStatus(page)).toContainText('Your account is waiting for approval');

  // The owner works in a browser of their own.
  const staff = await (await browser.newContext()).newPage();
  await signInToDashboard(staff, 'acme', '/dashboard/customers');
  await expect(main(staff).getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');

  const search = staff.getByRole('searchbox', { name: 'Search customers' });
  await search.fill(customer.email);
  await search.press('Enter');
  await expect(staff).toHaveURL(/\/dashboard\/customers\?q=/);
  await expect(staff.getByTestId('customer-count')).toHaveText('1 customer');
  const row = staff.getByTestId('customer-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('customer-status')).toHaveText('Pending approval');
  await expect(row).toContainText('DE136695976');

  await row.getByRole('link', { name: customer.name }).click();
  await expect(main(staff).getByRole('heading', { level: 1, name: customer.name })).toBeVisible();
  await expect(staff.getByTestId('customer-email')).toHaveText(customer.email);
  await expect(main(staff).getByRole('button', { name: 'Revoke approval' })).toHaveCount(0);

  const approve = main(staff).getByRole('button', { name: 'Approve' });
  await waitForHydration(approve);
  await approve.click();
  await expect(main(staff).getByRole('status').filter({ hasText: 'The account is approved' })).toBeVisible();
  await expect(main(staff).getByTestId('customer-status').first()).toHaveText('Active');
  await expect(main(staff).getByRole('button', { name: 'Revoke approval' })).toBeVisible();

  const email = await latestEmailTo(customer.email, { subject: /is approved/ });
  expect(email.subject).toBe('Your account at ACME Wheels is approved');

  const margin = field(staff, 'marginPercent');
  await margin.fill('-7.5');
  await main(staff).getByRole('button', { name: 'Save margin' }).click();
  await expect(main(staff).getByRole('status').filter({ hasText: 'The margin is saved' })).toBeVisible();
  await expect(staff.getByTestId('customer-margin')).toHaveText('−7.5 %');
  await expect(staff.getByTestId('customer-history')).toContainText(`Approved by ${OWNER.email}`);

  // In the list, among the active customers.
  await staff.goto(shopUrl('acme', `/dashboard/customers?status=active&q=${encodeURIComponent(customer.email)}`));
  await expect(staff.getByTestId('customer-row')).toContainText('−7.5 %');
  await expect(staff.getByTestId('status-filter-active')).toHaveAttribute('aria-current', 'page');

  // The customer sees the change at once.
  await page.goto(shopUrl('acme', '/account'));
  await expect(accountStatus(page)).toContainText('Your account is active');
});

test('a customer id the shop does not have is a 404', async ({ page }) => {
  await signInToDashboard(page, 'acme', '/dashboard/customers');
  const response = await page.goto(shopUrl('acme', `/dashboard/customers/${crypto.randomUUID()}`));
  expect(response?.status()).toBe(404);
});
