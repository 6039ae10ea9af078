import { test, expect, type Page } from '@playwright/test';
import { field, main } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';

/*
 * The owner's branding and registration settings, end to end: what the owner saves is what the next
 * visitor of the storefront sees. Each test puts the shop back as it found it, so other specs are unaffected.
 */
// A real 1×1 PNG, uploaded under a name that says nothing about its type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Clicks a form's submit button and waits for its server action to answer (an earlier message may still show). */
async function submitAndWait(page: Page, button: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/dashboard/'));
  await main(page).getByRole('button', { name: button }).click();
  await answered;
}

async function saveBranding(page: Page, name: string, accent: string): Promise<void> {
  await field(page, 'name').fill(name);
  await field(page, 'accentColor').fill(accent);
  await submitAndWait(page, 'Save name and colours');
  await expect(main(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('the owner renames the shop, changes its accent and uploads a logo, and the storefront shows it', async ({ page, browser }) => {
  await signInToDashboard(page, 'acme', '/dashboard/branding');
  await expect(main(page).getByRole('heading', { level: 1, name: 'Branding' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Branding' })).toHaveAttribute('aria-current', 'page');
  await waitForHydration(main(page).getByRole('button', { name: 'Save name and colours' }));
  const preview = page.getByTestId('branding-preview');

  try {
    // The preview follows the typing before anything is saved.
    await field(page, 'name').fill('ACME Tyre Centre');
    await expect(preview.getByTestId('preview-name')).toHaveText('ACME Tyre Centre');
    await field(page, 'accentColor').fill('#0ea5e9');
    await expect(preview.getByText('Search', { exact: true })).toHaveCSS('background-color', 'rgb(14, 165, 233)');

    // An unreadable main colour is flagged as it is typed, and refused on save.
    await field(page, 'primaryColor').fill('#777777');
    await expect(page.locator('#field-primaryColor-error')).toContainText('hard to read');
    await main(page).getByRole('button', { name: 'Save name and colours' }).click();
    await expect(main(page).getByRole('alert').filter({ hasText: 'Please check the highlighted fields.' })).toBeVisible();
    await field(page, 'primaryColor').fill('#b91c1c');
    await expect(page.locator('#field-primaryColor-error')).toHaveCount(0);

    await saveBranding(page, 'ACME Tyre Centre', '#0ea5e9');

    await page.locator('#field-logo').setInputFiles({ name: 'company-logo.jpg', mimeType: 'image/jpeg', buffer: PNG });
    await expect(preview.getByTestId('preview-header').locator('img')).toHaveAttribute('src', /^blob:/);
    await main(page).getByRole('button', { name: 'Upload logo' }).click();
    await expect(main(page).getByRole('status').filter({ hasText: 'The new logo is live' })).toBeVisible();
    await expect(preview.getByTestId('preview-header').locator('img')).toHaveAttribute('src', /\/api\/tenant-assets\/[0-9a-f-]+\/logo\?v=[0-9a-f]{12}$/);

    // A visitor sees the new name, accent and logo at once.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(shopUrl('acme', '/'));
    const header = visitor.getByRole('banner');
    await expect(header.getByText('ACME Tyre Centre', { exact: true })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Search' })).toHaveCSS('background-color', 'rgb(14, 165, 233)');
    const logo = header.getByRole('img', { name: 'ACME Tyre Centre logo' });
    await expect(logo).toHaveAttribute('src', /\/api\/tenant-assets\//);
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(visitor).toHaveTitle(/ACME Tyre Centre/);
    await visitor.context().close();
  } finally {
    await page.goto(shopUrl('acme', '/dashboard/branding'));
    await waitForHydration(main(page).getByRole('button', { name: 'Save name and colours' }));
    await field(page, 'primaryColor').fill('#b91c1c');
    await saveBranding(page, 'ACME Wheels', '#111827');
    const remove = main(page).getByRole('button', { name: 'Remove logo' });
    if (await remove.isVisible()) {
      await remove.click();
      await expect(main(page).getByRole('status').filter({ hasText: 'The logo is removed' })).toBeVisible();
    }
  }
});

async function setVatRequired(page: Page, required: boolean): Promise<void> {
  const box = page.getByRole('checkbox', { name: 'VAT number required' });
  await box.setChecked(required);
  await submitAndWait(page, 'Save settings');
  await expect(main(page).getByRole('status').filter({ hasText: 'New registrations follow these settings' })).toBeVisible();
  await expect(box).toBeChecked({ checked: required });
}

test('the owner stops asking for a VAT number, and the registration form follows at once', async ({ page, browser }) => {
  await signInToDashboard(page, 'atraxion', '/dashboard/settings');
  await expect(main(page).getByRole('heading', { level: 1, name: 'Registration' })).toBeVisible();
  await waitForHydration(main(page).getByRole('button', { name: 'Save settings' }));
  const outcome = page.getByTestId('registration-outcome');
  await expect(outcome).toContainText('A Belgian business with a valid VAT number, registering now, will be: waiting for your approval');
  await expect(outcome).toContainText('Without a VAT number: unable to sign up');

  // Invalid input is explained next to the field, and nothing is saved.
  await field(page, 'paymentTimeoutMinutes').fill('2');
  await main(page).getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('#field-paymentTimeoutMinutes-error')).toHaveText(/between 5 and 1440 minutes/);
  await field(page, 'paymentTimeoutMinutes').fill('30');

  const visitor = await (await browser.newContext()).newPage();
  try {
    await page.getByRole('checkbox', { name: 'VAT number required' }).uncheck();
    await expect(outcome).toContainText('Without a VAT number: waiting for your approval');
    await setVatRequired(page, false);

    await visitor.goto(shopUrl('atraxion', '/account/register'));
    await expect(main(visitor).getByText('Company (optional)')).toBeVisible();
    await expect(field(visitor, 'vatNumber')).not.toHaveAttribute('required', '');
  } finally {
    await setVatRequired(page, true);
  }
  await visitor.goto(shopUrl('atraxion', '/account/register'));
  await expect(field(visitor, 'vatNumber')).toHaveAttribute('required', '');
  await visitor.context().close();
});
