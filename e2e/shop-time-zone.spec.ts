import { expect, test, type Locator, type Page } from '@playwright/test';
import { addAddress, main, register, uniqueEmail } from './support/accounts';
import { signInAsAdmin } from './support/admin';
import { cardHref, productCards, waitForHydration } from './support/catalog';
import { adminUrl, shopUrl } from './support/hosts';
import { signInToDashboard } from './support/dashboard';

/*
 * Order times are the shop's: the dashboard, the console and the buyer's account show when an order was
 * placed on the shop's own clock, with the zone named, and follow the owner's time zone setting. The
 * instant is read from each page's <time datetime> and the expected wall clock worked out here.
 */

/** A new Belgian business (auto-approved at acme) orders one tyre on invoice; returns the order number. */
async function placeOrder(page: Page): Promise<string> {
  await register(page, 'acme', {
    name: 'Tine Tijd',
    email: uniqueEmail('time-zone'),
    password: 'correct horse battery',
    companyName: 'Tijd BV',
    vatNumber: 'BE0417497106',
    countryCode: 'BE',
  });
  await addAddress(page, { recipient: 'Tijd BV', street: 'Kouter 9', postalCode: '9000', city: 'Gent' });
  await page.goto(shopUrl('acme', '/products?brand=michelin&stock=1'));
  await expect(productCards(page).first()).toBeVisible();
  await page.goto(shopUrl('acme', await cardHref(page, 0)));
  const add = main(page).getByTestId('add-to-cart').getByRole('button', { name: 'Add to cart' });
  await waitForHydration(add);
  await add.click();
  await expect(main(page).getByText('Added to your cart.')).toBeVisible();
  await page.goto(shopUrl('acme', '/checkout'));
  const place = main(page).getByRole('button', { name: /Place order/ });
  await waitForHydration(place);
  await main(page).getByLabel('On invoice (pay within 30 days)').check();
  await place.click();
  await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
  return /\/account\/orders\/(\d+)/.exec(page.url())![1]!;
}

/** "17:45 CET": the wall clock and zone name an instant has in a zone. */
function wallClock(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

async function expectShopTime(time: Locator, timeZone: string): Promise<void> {
  const at = new Date((await time.getAttribute('datetime'))!);
  expect(Number.isNaN(at.getTime())).toBe(false);
  await expect(time).toContainText(wallClock(at, timeZone));
}

async function setTimeZone(page: Page, timeZone: string): Promise<void> {
  await page.goto(shopUrl('acme', '/dashboard/settings'));
  const save = main(page).getByRole('button', { name: 'Save time zone' });
  await waitForHydration(save);
  await main(page).getByRole('combobox', { name: 'Time zone' }).selectOption(timeZone);
  await save.click();
  await expect(main(page).getByText(`Saved. Times are now shown in ${timeZone.replaceAll('_', ' ')}.`)).toBeVisible();
}

test('order times follow the shop’s time zone in the dashboard, the console and the buyer’s account', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const number = await placeOrder(page);
  const buyerOrders = async (timeZone: string) => {
    await page.goto(shopUrl('acme', '/account/orders'));
    await expectShopTime(
      main(page)
        .getByTestId('order-row')
        .filter({ hasText: `Order ${number}` })
        .locator('time'),
      timeZone,
    );
  };

  const owner = await browser.newPage();
  const admin = await browser.newPage();
  await signInToDashboard(owner, 'acme', `/dashboard/orders/${number}`);
  await signInAsAdmin(admin);
  const consoleRow = async (timeZone: string) => {
    await admin.goto(adminUrl('/orders'));
    const row = main(admin)
      .locator('tr')
      .filter({ hasText: 'ACME Wheels' })
      .filter({ hasText: `#${number}` });
    await expectShopTime(row.locator('time'), timeZone);
  };
  const dashboard = async (timeZone: string) => {
    await owner.goto(shopUrl('acme', `/dashboard/orders/${number}`));
    await expectShopTime(main(owner).getByTestId('order-placed-at'), timeZone);
    await owner.goto(shopUrl('acme', '/dashboard/orders'));
    await expectShopTime(
      main(owner)
        .getByTestId('dashboard-order-row')
        .filter({ hasText: `#${number}` })
        .locator('time'),
      timeZone,
    );
  };

  try {
    await dashboard('Europe/Brussels');
    await consoleRow('Europe/Brussels');
    await buyerOrders('Europe/Brussels');

    // Four hours from Brussels in winter, three in summer: the shown times move with the setting.
    await setTimeZone(owner, 'America/Sao_Paulo');
    await dashboard('America/Sao_Paulo');
    await consoleRow('America/Sao_Paulo');
    await buyerOrders('America/Sao_Paulo');
    await expect(
      main(owner)
        .getByTestId('dashboard-order-row')
        .filter({ hasText: `#${number}` })
        .locator('time'),
    ).toContainText('GMT-3');
  } finally {
    await setTimeZone(owner, 'Europe/Brussels');
  }
});

test('the console sets a tenant’s time zone', async ({ page }) => {
  await signInAsAdmin(page);
  await main(page).getByRole('link', { name: 'TyreDirect', exact: true }).filter({ visible: true }).click();
  const form = main(page)
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Save settings' }) });
  await waitForHydration(form.getByRole('button', { name: 'Save settings' }));
  await expect(form.getByRole('combobox', { name: /Time zone/ })).toHaveValue('Europe/Brussels');
  await form.getByRole('combobox', { name: /Time zone/ }).selectOption('Europe/Lisbon');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.reload();
  await expect(
    main(page)
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Save settings' }) })
      .getByRole('combobox', { name: /Time zone/ }),
  ).toHaveValue('Europe/Lisbon');
  await main(page)
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Save settings' }) })
    .getByRole('combobox', { name: /Time zone/ })
    .selectOption('Europe/Brussels');
  await main(page).getByRole('button', { name: 'Save settings' }).click();
  await page.reload();
  await expect(
    main(page)
      .locator('form')
      .filter({ has: page.getByRole('button', { name: 'Save settings' }) })
      .getByRole('combobox', { name: /Time zone/ }),
  ).toHaveValue('Europe/Brussels');
});
