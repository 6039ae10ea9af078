import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { field, main } from './support/accounts';
import { priceCents, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';

/*
 * The owner's prices, end to end: the owner of acme (a B2B shop) sets a price of their own on a
 * Michelin tyre and the product page shows it at once, excl. VAT; a CSV with a bad row is refused as a
 * whole, row by row; the export downloads the shop's prices in the import's format.
 */
// Set to a folder to keep screenshots of the page (desktop and phone widths).
const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Michelin tyres listed on the prices page that have no price of the shop yet: [sku, name]. */
async function unpricedMichelin(page: Page): Promise<Array<{ sku: string; name: string }>> {
  const search = page.getByRole('searchbox', { name: 'Search articles' });
  await search.fill('Michelin');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/dashboard\/prices\?q=Michelin/);
  const rows = page.getByTestId('price-row').filter({ has: page.locator('td:last-child', { hasText: /^0$/ }) });
  await expect(rows.first()).toBeVisible();
  const found: Array<{ sku: string; name: string }> = [];
  for (const row of (await rows.all()).slice(0, 2)) {
    const name = await row.getByRole('link').innerText();
    const sku = (await row.locator('td').first().locator('span').innerText()).split(' · ')[0]!.trim();
    found.push({ sku, name });
  }
  return found;
}

test('the owner sets a price, imports a file with a bad row, and exports the prices', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToDashboard(page, 'acme', '/dashboard/prices');
  await expect(main(page).getByRole('heading', { level: 1, name: 'Prices' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Prices' })).toHaveAttribute('aria-current', 'page');
  // Without a search: the demo's own prices of acme.
  await expect(page.getByTestId('price-row').first()).toBeVisible();

  const [tyre, other] = await unpricedMichelin(page);
  if (!tyre || !other) throw new Error('two unpriced Michelin tyres expected');
  await page.getByTestId('price-row').getByRole('link', { name: tyre.name, exact: true }).first().click();
  const panel = page.getByTestId('article-prices');
  await expect(panel.getByRole('heading', { name: tyre.name })).toBeVisible();
  await expect(panel.getByTestId('overrides-empty')).toBeVisible();
  await expect(field(page, 'validFrom')).toHaveValue(today());

  const add = panel.getByRole('button', { name: 'Add price' });
  await waitForHydration(add);
  await field(page, 'price').fill('123,45');
  await add.click();
  await expect(panel.getByRole('status').filter({ hasText: 'The price is saved' })).toBeVisible();
  await expect(panel.getByTestId('current-price')).toHaveText('€123.45');
  await expect(panel.getByTestId('override-row')).toHaveCount(1);
  await expect(panel.getByTestId('override-status')).toHaveText('Current');

  // The same window again is refused, naming the article and the window it collides with.
  await field(page, 'price').fill('99');
  await add.click();
  await expect(panel.getByRole('alert')).toContainText(`${tyre.sku} already has a price of €123.45`);
  await expect(panel.getByTestId('override-row')).toHaveCount(1);

  if (SCREENSHOTS) {
    await page.screenshot({ path: `${SCREENSHOTS}/prices-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.screenshot({ path: `${SCREENSHOTS}/prices-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  // The shop's product page, on the same host: a B2B shop shows the net price.
  const productUrl = await panel.getByRole('link', { name: 'View in shop' }).getAttribute('href');
  const shop = await page.context().newPage();
  await shop.goto(shopUrl('acme', productUrl!));
  const price = main(shop).getByTestId('price').first();
  await expect(price).toContainText('excl. VAT');
  expect(await priceCents(price)).toBe(12_345);
  await shop.close();

  // A file with one bad row: nothing is imported, and the bad row is named.
  await page.goto(shopUrl('acme', '/dashboard/prices'));
  const upload = main(page).getByRole('button', { name: 'Import prices' });
  await waitForHydration(upload);
  const file = ['sku;price;valid_from;valid_until', `${other.sku};"77,70";${today()};`, `NO-SUCH-SKU;10;${today()};`, `${other.sku};abc;2031-01-01;`].join(
    '\n',
  );
  await page.getByLabel('CSV file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
  await upload.click();
  await expect(main(page).getByRole('alert').filter({ hasText: 'Nothing was imported: 2 rows have problems' })).toBeVisible();
  const errors = page.getByTestId('import-row-errors').getByRole('listitem');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveText('Row 3: no article with SKU “NO-SUCH-SKU” in your shop’s assortment.');
  await expect(errors.nth(1)).toContainText('Row 4: “abc” is not a price');
  await page.goto(shopUrl('acme', `/dashboard/prices?q=${encodeURIComponent(other.sku)}`));
  await page.getByTestId('price-row').getByRole('link', { name: other.name, exact: true }).click();
  await expect(page.getByTestId('article-prices').getByTestId('overrides-empty')).toBeVisible();

  // The export: the shop's prices, the new one among them.
  const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('link', { name: 'Export your prices (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^prices-acme-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n');
  expect(lines[0]).toBe('sku,price,valid_from,valid_until');
  expect(lines).toContain(`${tyre.sku},123.45,${today()},`);
  expect(lines.some((l) => l.startsWith(`${other.sku},`))).toBe(false);
});

test('the export needs a staff session of the shop', async ({ page }) => {
  const response = await page.goto(shopUrl('acme', '/dashboard/prices/export'));
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('UNAUTHENTICATED');
});
