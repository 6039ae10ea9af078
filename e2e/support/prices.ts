import { expect, type Page } from '@playwright/test';
import { field } from './accounts';
import { waitForHydration } from './catalog';
import { shopUrl } from './hosts';

/**
 * Gives one article a current price override with the price panel of the dashboard (its owner signed in
 * on `owner`), e.g. `overridePrice(owner, 'acme', 'MIC-…', '9876.54', '€9,876.54')`. Returns what takes it
 * back off again, so a test can leave the shop as seeded.
 */
export async function overridePrice(owner: Page, shop: string, sku: string, price: string, shown: string): Promise<() => Promise<void>> {
  await owner.goto(shopUrl(shop, `/dashboard/prices?q=${encodeURIComponent(sku)}`));
  const row = owner.getByTestId('price-row').filter({ hasText: `${sku} ·` });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  const panel = owner.getByTestId('article-prices');
  await expect(panel).toContainText(sku);
  const add = panel.getByRole('button', { name: 'Add price' });
  await waitForHydration(add);
  await field(owner, 'price').fill(price);
  await add.click();
  await expect(panel.getByTestId('current-price')).toHaveText(shown);
  return async () => {
    await panel
      .getByTestId('override-row')
      .getByRole('button', { name: /Delete/ })
      .click();
    await expect(panel.getByTestId('override-row')).toHaveCount(0);
  };
}
