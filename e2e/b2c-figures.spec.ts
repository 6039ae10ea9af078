import { expect, test } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { parseEuroCents, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { latestEmailTo } from './support/mailbox';
import { addFirstProductToCart } from './support/cart';

/** What a consumer must never be shown: the figures and fields of a business sale. */
const BUSINESS_FIGURES = /excl\. VAT|Subtotal|reverse charge|Your reference/i;

test.describe('A B2C shop shows consumer figures everywhere', () => {
  test('cart, checkout, order page and confirmation email: prices incl. VAT, the coupon off the price paid, no reference field', async ({ page }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail('b2c-figures');
    await register(page, 'consumer', { name: 'Cas Consument', email, password: 'correct horse battery' });
    await addAddress(page, { recipient: 'Cas Consument', street: 'Veldstraat 3', postalCode: '9000', city: 'Gent' });
    await addFirstProductToCart(page, 'consumer', '/products?stock=1', 2);
    const unit = parseEuroCents(await main(page).getByTestId('price').first().innerText());

    await page.goto(shopUrl('consumer', '/cart'));
    expect(parseEuroCents(await main(page).getByTestId('cart-total').innerText())).toBe(2 * unit);
    await expect(main(page)).not.toContainText(BUSINESS_FIGURES);
    await expect(main(page).getByText(/Includes VAT \(21 %\)/)).toBeVisible();

    await page.goto(shopUrl('consumer', '/checkout'));
    const place = main(page).getByRole('button', { name: /Place order/ });
    await waitForHydration(place);
    await main(page).getByLabel('Coupon code').fill('welcome5');
    await main(page).getByRole('button', { name: 'Apply' }).click();
    // WELCOME5 takes €5 off what the consumer pays, and says so in those terms.
    await expect(main(page).getByTestId('coupon-discount')).toHaveText(/Coupon WELCOME5\s*−€5\.00/);
    expect(parseEuroCents(await main(page).getByTestId('checkout-total').innerText())).toBe(2 * unit - 500);
    await expect(main(page)).not.toContainText(BUSINESS_FIGURES);
    await expect(main(page).getByLabel('Your reference (optional)')).toHaveCount(0);

    await place.click();
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    expect(parseEuroCents(await main(page).getByTestId('payment-amount').innerText())).toBe(2 * unit - 500);
    await main(page).getByRole('button', { name: /^Pay / }).click();
    await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
    const orderNumber = /\/account\/orders\/(\d+)/.exec(page.url())![1]!;
    await expect(main(page).getByRole('columnheader', { name: 'Price' })).toBeVisible();
    expect(parseEuroCents(await main(page).getByTestId('order-line').innerText())).toBe(2 * unit);
    await expect(main(page).getByTestId('order-discount')).toHaveText(/Coupon WELCOME5\s*−€5\.00/);
    expect(parseEuroCents(await main(page).getByTestId('order-total').innerText())).toBe(2 * unit - 500);
    await expect(main(page)).not.toContainText(BUSINESS_FIGURES);

    const confirmation = await latestEmailTo(email, { subject: new RegExp(`Order ${orderNumber} at .*: thank you`), timeout: 20_000 });
    expect(confirmation.text ?? confirmation.html).not.toMatch(BUSINESS_FIGURES);
    expect(confirmation.html).toContain(`−€5.00`);
    expect(confirmation.html).toContain(new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format((2 * unit) / 100));
  });
});
