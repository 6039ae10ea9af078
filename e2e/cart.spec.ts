import { expect, test } from '@playwright/test';
import { accountStatus, main, orderBlocked, register, someProductPath, uniqueEmail } from './support/accounts';
import { parseEuroCents, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';

test.describe('Cart', () => {
  test('an active customer adds tyres to the cart, sees the total, and empties it again', async ({ page }) => {
    await register(page, 'consumer', { name: 'Cart Carla', email: uniqueEmail('cart'), password: 'correct horse battery' });
    const path = await someProductPath(page, 'consumer');
    await page.goto(shopUrl('consumer', path));
    const form = main(page).getByTestId('add-to-cart');
    const button = form.getByRole('button', { name: 'Add to cart' });
    await waitForHydration(button);
    await form.getByLabel('Quantity').fill('2');
    await button.click();
    await expect(form.getByText('Added to your cart.')).toBeVisible();
    await expect(page.getByTestId('cart-link')).toHaveText('Cart (2)');

    const unitText = await main(page).getByTestId('price').first().innerText();
    await page.goto(shopUrl('consumer', '/cart'));
    const lines = main(page).getByTestId('cart-line');
    await expect(lines).toHaveCount(1);
    // B2C shop: the product page shows the price incl. VAT, and two of them make the cart total.
    expect(parseEuroCents(await main(page).getByTestId('cart-total').innerText())).toBe(2 * parseEuroCents(unitText));

    await lines.first().getByRole('button', { name: 'Remove' }).click();
    await expect(main(page).getByText('Your cart is empty.')).toBeVisible();
    await expect(page.getByTestId('cart-link')).toHaveText('Cart');
  });

  test('a pending customer can browse but gets no way to order', async ({ page }) => {
    await register(page, 'atraxion', {
      name: 'Pending Piet',
      email: uniqueEmail('pending-cart'),
      password: 'correct horse battery',
      companyName: 'Piet BV',
      vatNumber: 'BE0417497106',
      countryCode: 'BE',
    });
    const path = await someProductPath(page, 'atraxion');
    await page.goto(shopUrl('atraxion', path));
    await expect(orderBlocked(page)).toBeVisible();
    await expect(main(page).getByTestId('add-to-cart')).toHaveCount(0);
    await page.goto(shopUrl('atraxion', '/cart'));
    await expect(accountStatus(page)).toContainText(/approval/i);
  });
});
