import { expect, test, type Page } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { addFirstProductToCart } from './support/cart';

/** An auto-approved ACME buyer with an address and four Michelin tyres in the cart (above WINTER10's minimum). */
async function buyerWithCart(page: Page) {
  await register(page, 'acme', {
    name: 'Coupon Cora',
    email: uniqueEmail('coupon-cora'),
    password: 'correct horse battery',
    companyName: 'Cora Banden BV',
    vatNumber: 'BE0417497106',
    countryCode: 'BE',
  });
  await addAddress(page, { recipient: 'Cora Banden BV', street: 'Kouter 7', postalCode: '9000', city: 'Gent' });
  await addFirstProductToCart(page, 'acme', '/products?brand=michelin&stock=1', 4);
}

const card = (page: Page) => main(page).getByLabel('Card (secure payment page)');
const reference = (page: Page) => main(page).getByLabel('Your reference (optional)');

async function applyCoupon(page: Page, code: string) {
  await main(page).getByLabel('Coupon code').fill(code);
  await main(page).getByRole('button', { name: 'Apply' }).click();
  await expect(main(page).getByTestId('coupon-discount')).toContainText(`Coupon ${code.toUpperCase()}`);
}

test.describe('Checkout: a coupon changes the price, nothing else', () => {
  test('card stays card and the reference stays through applying and removing a coupon; the coupon is still there after leaving', async ({ page }) => {
    test.setTimeout(90_000);
    await buyerWithCart(page);
    await page.goto(shopUrl('acme', '/checkout'));
    await waitForHydration(main(page).getByRole('button', { name: /Place order/ }));
    await card(page).check();
    await reference(page).fill('PO-2026-17');

    await applyCoupon(page, 'winter10');
    await expect(card(page)).toBeChecked();
    await expect(main(page).getByLabel('On invoice (pay within 30 days)')).not.toBeChecked();
    await expect(reference(page)).toHaveValue('PO-2026-17');

    // Leaving checkout and coming back finds the coupon still applied.
    await page.goto(shopUrl('acme', '/cart'));
    await page.goto(shopUrl('acme', '/checkout'));
    await expect(main(page).getByTestId('coupon-discount')).toContainText('Coupon WINTER10');
    await expect(main(page).getByLabel('Coupon code')).toHaveValue('WINTER10');

    await waitForHydration(main(page).getByRole('button', { name: /Place order/ }));
    await card(page).check();
    await main(page).getByRole('button', { name: 'Remove coupon WINTER10' }).click();
    await expect(main(page).getByTestId('coupon-discount')).toHaveCount(0);
    await expect(card(page)).toBeChecked();

    await applyCoupon(page, 'WINTER10');
    await expect(card(page)).toBeChecked();
    await main(page)
      .getByRole('button', { name: /Place order/ })
      .click();
    // A card order goes to the payment page, with the coupon on it.
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
  });

  test('without JavaScript: applying a coupon keeps the chosen payment method and reference', async ({ page, browser }) => {
    test.setTimeout(90_000);
    await buyerWithCart(page);
    const context = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: false });
    const plain = await context.newPage();
    try {
      await plain.goto(shopUrl('acme', '/checkout'));
      await card(plain).check();
      await reference(plain).fill('PO-NOJS');
      await applyCoupon(plain, 'winter10');
      await expect(card(plain)).toBeChecked();
      await expect(reference(plain)).toHaveValue('PO-NOJS');
      await main(plain)
        .getByRole('button', { name: /Place order/ })
        .click();
      await expect(plain).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  });

  test('a code typed but not applied is applied first, and the order waits for the buyer to see the new total', async ({ page }) => {
    test.setTimeout(90_000);
    await buyerWithCart(page);
    await page.goto(shopUrl('acme', '/checkout'));
    const place = main(page).getByRole('button', { name: /Place order/ });
    await waitForHydration(place);
    const before = await place.innerText();
    await card(page).check();
    await main(page).getByLabel('Coupon code').fill('winter10');
    await place.click();
    await expect(main(page).getByTestId('coupon-discount')).toContainText('Coupon WINTER10');
    await expect(page).toHaveURL(shopUrl('acme', '/checkout'));
    await expect(card(page)).toBeChecked();
    await expect(place).not.toHaveText(before);
  });
});
