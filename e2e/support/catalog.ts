import { expect, type Locator, type Page } from '@playwright/test';

export const productCards = (page: Page): Locator => page.getByTestId('product-card');

/*
 * A listing may still be arriving (a client navigation, a redirect to the canonical listing), so every
 * reader below first waits for a visible card.
 */

/** Brand names as printed on the cards (the markup holds the name; CSS only upper-cases it). */
export async function brandsOnPage(page: Page): Promise<string[]> {
  await expect(productCards(page).first()).toBeVisible();
  const texts = await productCards(page).getByTestId('product-brand').allTextContents();
  return texts.map((t) => t.trim());
}

/** The product page path of the n-th card, e.g. `/products/michelin-pilot-sport-5-205-55-r16`. */
export async function cardHref(page: Page, index = 0): Promise<string> {
  await expect(productCards(page).nth(index)).toBeVisible();
  const href = await productCards(page).nth(index).getByRole('link').first().getAttribute('href');
  expect(href, 'product card links to its product page').toMatch(/^\/products\/[^/?#]+$/);
  return href as string;
}

export async function cardName(page: Page, index = 0): Promise<string> {
  await expect(productCards(page).nth(index)).toBeVisible();
  return (await productCards(page).nth(index).getByRole('link').first().innerText()).trim();
}

/** "€1,234.56" → 123456. Throws on anything that is not a euro amount, so a format change is loud. */
export function parseEuroCents(text: string): number {
  const match = /€\s*([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`Not a euro amount: ${JSON.stringify(text)}`);
  return Number(match[1]!.replace(/,/g, '')) * 100 + Number(match[2]);
}

/** The amount of a `data-testid="price"` element, in cents. */
export async function priceCents(price: Locator): Promise<number> {
  return parseEuroCents(await price.innerText());
}

export async function pricesOnPage(page: Page): Promise<number[]> {
  await expect(productCards(page).first()).toBeVisible();
  const texts = await productCards(page).getByTestId('price').allInnerTexts();
  return texts.map(parseEuroCents);
}

/**
 * Waits until React has hydrated `target`, so that client behaviour (auto-submitting filters, the
 * phone filter toggle) is attached before the test interacts with it. React marks every hydrated
 * DOM node with a `__reactProps$…` key.
 */
export async function waitForHydration(target: Locator): Promise<void> {
  await expect
    .poll(() => target.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))), {
      message: 'page hydrated',
    })
    .toBe(true);
}
