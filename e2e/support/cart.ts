import { expect, type Page } from '@playwright/test';
import { main } from './accounts';
import { cardHref, productCards, waitForHydration } from './catalog';
import { shopUrl } from './hosts';

/**
 * Opens the first product of one of a shop's listings (e.g. `/products?brand=michelin&stock=1`) and puts
 * it in the cart as a buyer does, `quantity` of it (the form's own default when left out). The page
 * stays on that product afterwards.
 */
export async function addFirstProductToCart(page: Page, shop: string, listing: string, quantity?: number): Promise<void> {
  await page.goto(shopUrl(shop, listing));
  await expect(productCards(page).first()).toBeVisible();
  await page.goto(shopUrl(shop, await cardHref(page, 0)));
  const add = main(page).getByTestId('add-to-cart');
  const button = add.getByRole('button', { name: 'Add to cart' });
  await waitForHydration(button);
  if (quantity !== undefined) await add.getByLabel('Quantity').fill(String(quantity));
  await button.click();
  await expect(add.getByText('Added to your cart.')).toBeVisible();
}
