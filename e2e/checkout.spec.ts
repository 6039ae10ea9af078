import { expect, test } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { parseEuroCents, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { latestEmailTo } from './support/mailbox';
import { addFirstProductToCart } from './support/cart';

test.describe('Checkout', () => {
  test('an approved ACME customer buys Michelin tyres with a coupon, pays in the sandbox, and watches the order ship', async ({ page }) => {
    test.setTimeout(90_000);
    const email = uniqueEmail('checkout');
    // A Belgian VAT number is auto-approved at ACME.
    await register(page, 'acme', {
      name: 'Order Olga',
      email,
      password: 'correct horse battery',
      companyName: 'Olga Banden BV',
      vatNumber: 'BE0417497106',
      countryCode: 'BE',
    });
    await addAddress(page, { recipient: 'Olga Banden BV', street: 'Havenlaan 12', postalCode: '9000', city: 'Gent' });

    await addFirstProductToCart(page, 'acme', '/products?brand=michelin&stock=1', 4);

    await page.goto(shopUrl('acme', '/cart'));
    const cartTotal = parseEuroCents(await main(page).getByTestId('cart-total').innerText());
    await main(page).getByRole('link', { name: 'Checkout' }).click();
    await expect(page).toHaveURL(shopUrl('acme', '/checkout'));
    // ACME's demo coupon: 10 % off orders from €100 excl. VAT (four Michelin tyres are always above it).
    await main(page).getByLabel('Coupon code').fill('winter10');
    await main(page).getByRole('button', { name: 'Apply' }).click();
    await expect(main(page).getByTestId('coupon-discount')).toContainText('Coupon WINTER10');
    const place = main(page).getByRole('button', { name: /Place order/ });
    await waitForHydration(place);
    const discountedTotal = parseEuroCents((await place.innerText()).split('·')[1] ?? '');
    expect(discountedTotal).toBeLessThan(cartTotal);
    await main(page).getByLabel('Your reference (optional)').fill('PO-4711');
    await main(page).getByLabel('Card (secure payment page)').check();
    await place.click();

    // The sandbox's hosted payment page asks exactly the discounted total (B2B: that total is excl. VAT
    // plus Belgian VAT, as the button said).
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    expect(parseEuroCents(await main(page).getByTestId('payment-amount').innerText())).toBe(discountedTotal);
    await main(page).getByRole('button', { name: /^Pay / }).click();

    await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
    const orderNumber = /\/account\/orders\/(\d+)/.exec(page.url())![1]!;
    await expect(main(page).getByText('Your order is placed')).toBeVisible();
    await expect(main(page).getByTestId('order-line')).toHaveCount(1);
    expect(parseEuroCents(await main(page).getByTestId('order-total').innerText())).toBe(discountedTotal);
    await expect(main(page).getByText('Coupon WINTER10')).toBeVisible();
    await expect(main(page).getByText('Your reference: PO-4711')).toBeVisible();
    await expect(page.getByTestId('cart-link')).toHaveText('Cart');

    // The order workflow takes it from here: payment received → warehouse → shipped with tracking.
    await expect(async () => {
      await page.reload();
      await expect(main(page).getByTestId('order-status')).toHaveText('Shipped', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(main(page).getByTestId('order-shipment')).toContainText(/tracking number SBX\d{12}/);
    await expect(main(page).getByText('Payment received')).toBeVisible();

    const confirmation = await latestEmailTo(email, { subject: `Order ${orderNumber} at ACME Wheels: thank you`, timeout: 20_000 });
    expect(confirmation.html).toContain('Michelin');
    expect(confirmation.html).toContain(`/account/orders/${orderNumber}`);
    await latestEmailTo(email, { subject: `Payment received for order ${orderNumber}`, timeout: 20_000 });
    const shipped = await latestEmailTo(email, { subject: `Order ${orderNumber} has shipped`, timeout: 20_000 });
    expect(shipped.html).toMatch(/SBX\d{12}/);

    await page.goto(shopUrl('acme', '/account/orders'));
    await expect(main(page).getByTestId('order-row')).toHaveCount(1);
    await expect(main(page).getByTestId('order-row')).toContainText('Shipped');
  });

  test('a B2C customer pays by card on the sandbox page and sees the order paid', async ({ page }) => {
    await register(page, 'consumer', { name: 'Card Cas', email: uniqueEmail('card'), password: 'correct horse battery' });
    await addAddress(page, { recipient: 'Cas Peeters', street: 'Meir 1', postalCode: '2000', city: 'Antwerpen' });

    await addFirstProductToCart(page, 'consumer', '/products?stock=1', 1);

    await page.goto(shopUrl('consumer', '/checkout'));
    const place = main(page).getByRole('button', { name: /Place order/ });
    await waitForHydration(place);
    const total = parseEuroCents((await place.innerText()).split('·')[1] ?? '');
    await place.click();
    await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
    expect(parseEuroCents(await main(page).getByTestId('payment-amount').innerText())).toBe(total);
    await main(page).getByRole('button', { name: /^Pay / }).click();

    await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
    // Paid at once; the workflow may already have moved it on to the warehouse.
    await expect(main(page).getByTestId('order-status')).toHaveText(/^(Paid|Being prepared|Shipped)$/);
    await expect(main(page).getByText('Payment received')).toBeVisible();

    // The paid order earned loyalty points: one per euro excl. VAT.
    await page.goto(shopUrl('consumer', '/account'));
    const points = Number(await main(page).getByTestId('loyalty-balance').locator('strong').innerText());
    // One per euro of the net amount: a little under a point per euro paid incl. VAT.
    expect(points).toBeGreaterThan(0);
    expect(points).toBeLessThanOrEqual(Math.floor(total / 100));
    expect(points).toBeGreaterThanOrEqual(Math.floor(total / 1.21 / 100) - 1);
  });
});
