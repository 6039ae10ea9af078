import { expect, test, type Page } from '@playwright/test';
import { field, fieldError, main, uniqueEmail } from './support/accounts';
import { signInAsAdmin } from './support/admin';
import { waitForHydration } from './support/catalog';
import { signInToDashboard } from './support/dashboard';
import { adminUrl, shopUrl } from './support/hosts';

/**
 * After a refused submission every field shows what was chosen: React resets a form after its action,
 * and a select keeps its first default unless the form layer says otherwise. Passwords are never sent
 * back; the field says to enter it again.
 */
test.describe('Forms keep what was chosen after an error', () => {
  async function registerWithBadVat(page: Page) {
    await page.goto(shopUrl('acme', '/account/register'));
    await waitForHydration(main(page).getByRole('button', { name: 'Create account' }));
    await field(page, 'name').fill('Nora Noord');
    await field(page, 'email').fill(uniqueEmail('form-values'));
    await field(page, 'password').fill('correct horse battery');
    await field(page, 'companyName').fill('Noord Banden BV');
    await field(page, 'vatNumber').fill('NL123');
    await field(page, 'countryCode').selectOption('NL');
    await field(page, 'phone').fill('+31 20 123 4567');
    await main(page).getByRole('button', { name: 'Create account' }).click();
    await expect(fieldError(page, 'vatNumber')).toBeVisible();
  }

  test('registration: the country, company and phone stay; the password asks to be entered again', async ({ page }) => {
    await registerWithBadVat(page);
    await expect(field(page, 'countryCode')).toHaveValue('NL');
    await expect(field(page, 'name')).toHaveValue('Nora Noord');
    await expect(field(page, 'companyName')).toHaveValue('Noord Banden BV');
    await expect(field(page, 'vatNumber')).toHaveValue('NL123');
    await expect(field(page, 'phone')).toHaveValue('+31 20 123 4567');
    await expect(field(page, 'password')).toHaveValue('');
    await expect(fieldError(page, 'password')).toHaveText('For your security, enter this password again.');

    // A second refusal keeps the second choice.
    await field(page, 'countryCode').selectOption('DE');
    await field(page, 'vatNumber').fill('DE1');
    await main(page).getByRole('button', { name: 'Create account' }).click();
    await expect(field(page, 'vatNumber')).toHaveValue('DE1');
    await expect(field(page, 'countryCode')).toHaveValue('DE');
  });

  test('console, new tenant: B2C stays B2C after a refused subdomain', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(adminUrl('/tenants/new'));
    const create = main(page).getByRole('button', { name: 'Create tenant' });
    await waitForHydration(create);
    await field(page, 'name').fill('Corner Tyres');
    await field(page, 'subdomain').fill('Not a subdomain!');
    await field(page, 'salesMode').selectOption('b2c');
    await field(page, 'vatRate').fill('9');
    await field(page, 'ownerEmail').fill(uniqueEmail('corner-owner'));
    await create.click();
    await expect(fieldError(page, 'subdomain')).toBeVisible();
    await expect(field(page, 'salesMode')).toHaveValue('b2c');
    await expect(field(page, 'subdomain')).toHaveValue('Not a subdomain!');
    await expect(field(page, 'vatRate')).toHaveValue('9');
  });

  test('console, tenant settings: the chosen sales mode stays after a refused VAT rate', async ({ page }) => {
    await signInAsAdmin(page);
    await main(page).getByRole('link', { name: 'TyreDirect' }).first().click();
    const save = main(page).getByRole('button', { name: 'Save settings' });
    await waitForHydration(save);
    await expect(field(page, 'salesMode')).toHaveValue('b2c');
    await field(page, 'salesMode').selectOption('b2b');
    await field(page, 'vatRate').fill('abc');
    await save.click();
    await expect(fieldError(page, 'vatRate')).toBeVisible();
    await expect(field(page, 'salesMode')).toHaveValue('b2b');
    await expect(field(page, 'vatRate')).toHaveValue('abc');
  });
});

test.describe('Dashboard forms keep a controlled choice after an error', () => {
  test('new coupon: "A fixed amount" stays ticked after a refused code', async ({ page }) => {
    await signInToDashboard(page, 'acme', '/dashboard/coupons');
    const form = main(page).getByTestId('coupon-create-form');
    await waitForHydration(form.getByRole('button', { name: 'Create coupon' }));
    await field(page, 'code').fill('X');
    await form.getByLabel('A fixed amount').check();
    await field(page, 'amount').fill('5');
    await form.getByRole('button', { name: 'Create coupon' }).click();
    await expect(fieldError(page, 'code')).toBeVisible();
    await expect(form.getByLabel('A fixed amount')).toBeChecked();
    await expect(field(page, 'amount')).toHaveValue('5');
    await expect(field(page, 'code')).toHaveValue('X');
  });
});
