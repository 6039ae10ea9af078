import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { main } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';

/*
 * Export → edit → import, through the dashboard's form: the owner's own export goes back in unchanged,
 * an edited price is one change, and replacing asks for a confirmation before it may withdraw prices.
 */

async function exportPrices(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), main(page).getByRole('link', { name: 'Export your prices (CSV)' }).click()]);
  return readFile((await download.path())!, 'utf8');
}

async function upload(page: Page, csv: string, mode: 'Add to my prices' | 'Replace the prices of the articles in the file', confirm = false): Promise<void> {
  await page.goto(shopUrl('acme', '/dashboard/prices'));
  const submit = main(page).getByRole('button', { name: 'Import prices' });
  await waitForHydration(submit);
  await main(page).getByRole('radio', { name: mode }).check();
  if (confirm)
    await main(page)
      .getByRole('checkbox', { name: /I understand that current and future prices/ })
      .check();
  await page.getByLabel('CSV file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await submit.click();
}

test('the owner’s export imports back, an edited price is one change, and a replacement is confirmed first', async ({ page }) => {
  test.setTimeout(90_000);
  await signInToDashboard(page, 'acme', '/dashboard/prices');
  const original = await exportPrices(page);
  const [header, ...rows] = original.trimEnd().split('\n');
  expect(header).toBe('sku,price,valid_from,valid_until');
  // The demo's windows fall on shop days, so the file holds dates a spreadsheet keeps as they are.
  for (const row of rows) expect(row).toMatch(/^[^,]+,\d+\.\d{2},\d{4}-\d{2}-\d{2},(\d{4}-\d{2}-\d{2})?$/);

  // The exact file, added: every row matches a price the shop has.
  await upload(page, original, 'Add to my prices');
  await expect(
    main(page)
      .getByRole('status')
      .filter({ hasText: `Nothing to change: ${rows.length} unchanged.` }),
  ).toBeVisible();

  // Replacing shows what it withdraws and will not go without the owner's confirmation.
  await page.goto(shopUrl('acme', '/dashboard/prices'));
  await waitForHydration(main(page).getByRole('button', { name: 'Import prices' }));
  const confirmBox = main(page).getByRole('checkbox', { name: /I understand that current and future prices/ });
  await expect(confirmBox).toHaveCount(0);
  await main(page).getByRole('radio', { name: 'Replace the prices of the articles in the file' }).check();
  await expect(confirmBox).toBeVisible();
  await expect(confirmBox).toHaveAttribute('required', '');

  // One price edited, the file replacing: one change, the rest left as it was.
  const edited = rows.findIndex((r) => r.endsWith(','));
  const cells = rows[edited]!.split(',');
  const editedRows = rows.map((r, i) => (i === edited ? [cells[0], '45.67', cells[2], ''].join(',') : r));
  await upload(page, [header, ...editedRows].join('\n'), 'Replace the prices of the articles in the file', true);
  await expect(
    main(page)
      .getByRole('status')
      .filter({ hasText: `Imported: 1 changed, ${rows.length - 1} unchanged.` }),
  ).toBeVisible();
  await expect(main(page).getByRole('radio', { name: 'Replace the prices of the articles in the file' })).toBeChecked();
  expect((await exportPrices(page)).trimEnd().split('\n')).toEqual([header, ...editedRows]);

  // And back as it was, so the shop's demo prices stay what the other tests expect.
  await upload(page, original, 'Add to my prices');
  await expect(
    main(page)
      .getByRole('status')
      .filter({ hasText: `Imported: 1 changed, ${rows.length - 1} unchanged.` }),
  ).toBeVisible();
});
