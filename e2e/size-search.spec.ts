import { devices, expect, test, type Page } from '@playwright/test';
import { productCards, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';

/*
 * A tyre size typed into the search is the width, profile and rim filter: the three selects show it,
 * the rest of the text stays the text search, and changing a select replaces that part of the size,
 * with JavaScript (the form submits itself) and without (Apply filters), on a desktop and a phone.
 */
const filters = (page: Page) => page.getByRole('form', { name: 'Filter products' });
const select = (page: Page, label: 'Width' | 'Profile' | 'Rim') => filters(page).getByLabel(label, { exact: true });

async function searchFor(page: Page, text: string) {
  await page.goto(shopUrl('atraxion', '/'));
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search products' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/products\?q=/);
}

async function expectSize(page: Page, width: string, aspect: string, rim: string) {
  await expect(select(page, 'Width')).toHaveValue(width);
  await expect(select(page, 'Profile')).toHaveValue(aspect);
  await expect(select(page, 'Rim')).toHaveValue(rim);
}

/** Every card on the page is a tyre of this size. */
async function expectCardsOfSize(page: Page, size: string) {
  await expect(productCards(page).first()).toBeVisible();
  for (const text of await productCards(page).allInnerTexts()) expect(text).toContain(size);
}

/** Another width the select offers that has articles in this profile and rim. */
async function otherWidth(page: Page, than: string): Promise<string> {
  const options = await select(page, 'Width')
    .locator('option')
    .evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const other = options.find((o) => o.value !== '' && o.value !== than && Number(o.value) >= 100 && !/\(0\)$/.test(o.text));
  expect(other, 'the shop has another width in this profile and rim').toBeDefined();
  return other!.value;
}

test('a size search shows in the width, profile and rim selects, and changing the width replaces it', async ({ page }) => {
  await searchFor(page, '205/55 R16');
  await expectSize(page, '205', '55', '16');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tyres in 205/55 R16');
  await expectCardsOfSize(page, '205/55 R16');

  const width = await otherWidth(page, '205');
  await waitForHydration(select(page, 'Width'));
  await select(page, 'Width').selectOption(width);
  await expect(page).toHaveURL(new RegExp(`[?&]width=${width}\\b`));
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expectSize(page, width, '55', '16');
  await expectCardsOfSize(page, `${width}/55 R16`);
});

test('the words around a size stay the text search', async ({ page }) => {
  await searchFor(page, 'michelin 205/55 R16');
  await expectSize(page, '205', '55', '16');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “michelin” in 205/55 R16');
  await expectCardsOfSize(page, '205/55 R16');
  for (const brand of await productCards(page).getByTestId('product-brand').allTextContents()) expect(brand.trim()).toBe('Michelin');
});

test('without JavaScript the selects show the size and Apply filters changes it', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(shopUrl('atraxion', `/products?q=${encodeURIComponent('205/55 R16')}`));
  await expectSize(page, '205', '55', '16');
  const width = await otherWidth(page, '205');
  await select(page, 'Width').selectOption(width);
  await filters(page).getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]width=${width}\\b`));
  await expectSize(page, width, '55', '16');
  await expectCardsOfSize(page, `${width}/55 R16`);
  await context.close();
});

test('on a phone the folded filters show the size and a change applies', async ({ browser }) => {
  const { defaultBrowserType: _type, ...pixel } = devices['Pixel 7'];
  const context = await browser.newContext(pixel);
  const page = await context.newPage();
  await searchFor(page, '2055516');
  const toggle = page.getByRole('button', { name: /^Filters \(3\)/ });
  await waitForHydration(toggle);
  await toggle.click();
  await expectSize(page, '205', '55', '16');
  const width = await otherWidth(page, '205');
  await select(page, 'Width').selectOption(width);
  await expect(page).toHaveURL(new RegExp(`[?&]width=${width}\\b`));
  await expectCardsOfSize(page, `${width}/55 R16`);
  await context.close();
});

test('a wheel width chosen in the select filters the wheels', async ({ page }) => {
  await page.goto(shopUrl('atraxion', '/products?kind=wheel'));
  await expect(productCards(page).first()).toBeVisible();
  const option = select(page, 'Width')
    .locator('option', { hasText: /J \(\d+\)$/ })
    .first();
  const value = (await option.getAttribute('value'))!;
  await waitForHydration(select(page, 'Width'));
  await select(page, 'Width').selectOption(value);
  await expect(page).toHaveURL(new RegExp(`[?&]width=${value}\\b`));
  await expect(select(page, 'Width')).toHaveValue(value);
  await expectCardsOfSize(page, `${(Number(value) / 10).toFixed(1)}Jx`);
});
