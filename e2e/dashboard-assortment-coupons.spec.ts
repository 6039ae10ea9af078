import { expect, test, type Page } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { brandsOnPage, productCards, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';
import { addFirstProductToCart } from './support/cart';

/** A buyer at ACME with a Belgian VAT number (auto-approved), an address and a Michelin tyre in the cart. */
async function buyerWithCart(page: Page): Promise<void> {
  await register(page, 'acme', {
    name: 'Coupon Carl',
    email: uniqueEmail('coupon'),
    password: 'correct horse battery',
    companyName: 'Carl Banden BV',
    vatNumber: 'BE0417497106',
    countryCode: 'BE',
  });
  await addAddress(page, { recipient: 'Carl Banden BV', street: 'Kouter 1', postalCode: '9000', city: 'Gent' });
  await addFirstProductToCart(page, 'acme', '/products?brand=michelin&stock=1');
}

test.describe('Dashboard: coupons and assortment', () => {
  test('the owner creates a coupon, a buyer uses it at checkout, and once retired it is refused', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    await signInToDashboard(page, 'acme', '/dashboard/coupons');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coupons');
    const form = main(page).getByTestId('coupon-create-form');
    await waitForHydration(form.getByRole('button', { name: 'Create coupon' }));
    // A code that is too short is refused, and what was typed stays.
    await form.getByLabel('Code').fill('ab');
    await form.getByLabel('Percentage off').fill('15');
    await form.getByRole('button', { name: 'Create coupon' }).click();
    await expect(form.locator('#field-code-error')).toContainText('3 to 30');
    await form.getByLabel('Code').fill(code.toLowerCase());
    await form.getByLabel('A fixed amount').check();
    await form.getByLabel('Amount off in €').fill('12.50');
    await form.getByLabel('Uses per customer').fill('1');
    await form.getByRole('button', { name: 'Create coupon' }).click();
    await expect(
      main(page)
        .getByRole('status')
        .filter({ hasText: `Coupon ${code} is created.` }),
    ).toBeVisible();
    const row = main(page).locator(`tr[data-code="${code}"]`);
    await expect(row.getByTestId('coupon-status')).toHaveText('Active');
    await expect(row).toContainText('€12.50 off');

    const buyerContext = await browser.newContext();
    const buyer = await buyerContext.newPage();
    try {
      await buyerWithCart(buyer);
      await buyer.goto(shopUrl('acme', '/checkout'));
      await main(buyer).getByLabel('Coupon code').fill(code.toLowerCase());
      await main(buyer).getByRole('button', { name: 'Apply' }).click();
      await expect(main(buyer).getByTestId('coupon-discount')).toContainText(`Coupon ${code}`);
      await expect(main(buyer).getByTestId('coupon-discount')).toContainText('€12.50');

      page.once('dialog', (dialog) => dialog.accept());
      await waitForHydration(row.getByRole('button', { name: /Retire/ }));
      await row.getByRole('button', { name: /Retire/ }).click();
      await expect(row.getByTestId('coupon-status')).toHaveText('Retired');

      await buyer.goto(shopUrl('acme', `/checkout?coupon=${code}`));
      await expect(main(buyer).locator('#coupon-error')).toHaveText('This coupon code is not valid in this shop.');
      await expect(main(buyer).getByTestId('coupon-discount')).toHaveCount(0);
    } finally {
      await buyerContext.close();
    }
  });

  test('the owner narrows the brands with a live count, and the storefront follows', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(shopUrl('atraxion', '/products?brand=pirelli'));
    await expect(productCards(page).first()).toBeVisible();
    // Served from the render cache from now on, so the change below must reach the cache.
    expect((await page.goto(shopUrl('atraxion', '/products?brand=pirelli')))?.headers()['x-nextjs-cache']).toBe('HIT');

    await signInToDashboard(page, 'atraxion', '/dashboard/assortment');
    const brandsGroup = main(page).getByTestId('assortment-brandIds');
    const draft = main(page).getByTestId('assortment-draft-count');
    const save = main(page).getByRole('button', { name: 'Save assortment' });
    await waitForHydration(save);
    await expect(brandsGroup).toContainText('All brands');
    const current = await main(page).getByTestId('assortment-current-count').innerText();
    const [, shown, catalog] = /shows ([\d,]+) of ([\d,]+)/.exec(current)!;
    expect(shown).toBe(catalog);

    try {
      // Searching the brand list narrows what is on screen, not what is chosen.
      await brandsGroup.getByRole('searchbox').fill('miche');
      await expect(brandsGroup.getByRole('checkbox', { name: 'Pirelli' })).toBeHidden();
      await brandsGroup.getByRole('checkbox', { name: 'Michelin' }).check();
      await brandsGroup.getByRole('searchbox').fill('');
      await brandsGroup.getByRole('checkbox', { name: 'Pirelli' }).check();
      await expect(draft).toHaveText(new RegExp(`The shop will show [\\d,]+ of ${catalog} articles\\.`));
      await brandsGroup.getByRole('checkbox', { name: 'Pirelli' }).uncheck();
      await expect(draft).toHaveText(new RegExp(`The shop will show [\\d,]+ of ${catalog} articles\\.`));
      const willShow = /show ([\d,]+) of/.exec(await draft.innerText())![1]!;
      await save.click();
      await expect(
        main(page)
          .getByRole('status')
          .filter({ hasText: `Saved. Your shop now shows ${willShow} articles.` }),
      ).toBeVisible();
      await expect(main(page).getByTestId('assortment-current-count')).toContainText(`shows ${willShow} of ${catalog}`);

      await page.goto(shopUrl('atraxion', '/products'));
      expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Michelin']));
      await expect(main(page)).toContainText(`of ${willShow} products`);
      // A brand the shop no longer shows is dropped from the address: the listing is the shop's own.
      await page.goto(shopUrl('atraxion', '/products?brand=pirelli'));
      await expect(page).toHaveURL(/\/products$/);
      expect(new Set(await brandsOnPage(page))).toEqual(new Set(['Michelin']));
    } finally {
      // Back to "all brands", so other specs see atraxion as seeded.
      await page.goto(shopUrl('atraxion', '/dashboard/assortment'));
      await waitForHydration(save);
      const clear = brandsGroup.getByRole('button', { name: /Clear/ });
      if (await clear.isVisible()) {
        await clear.click();
        await save.click();
        await expect(main(page).getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      }
    }
    await page.goto(shopUrl('atraxion', '/products?brand=pirelli'));
    await expect(productCards(page).first()).toBeVisible();
  });
});
