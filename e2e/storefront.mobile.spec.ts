import { test, expect, type Page } from '@playwright/test';
import { cardHref, productCards, waitForHydration } from './support/catalog';
import { shopUrl } from './support/hosts';

// Phone layouts only: these assertions are false on a desktop viewport by design.

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${page.url()} is no wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

test.describe('Storefront on a phone', () => {
  test('filters are folded away behind a Filters button', async ({ page }) => {
    await page.goto(shopUrl('acme', '/products'));
    const toggle = page.getByRole('button', { name: /^Filters/ });
    const filters = page.getByRole('form', { name: 'Filter products' });

    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(filters).toBeHidden();

    await waitForHydration(toggle);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(filters).toBeVisible();
    await expect(filters.getByRole('checkbox', { name: /^Michelin\b/ })).toBeVisible();

    await toggle.click();
    await expect(filters).toBeHidden();
  });

  test('the Filters button counts the active filters', async ({ page }) => {
    await page.goto(shopUrl('acme', '/products?brand=michelin&stock=1'));
    await expect(page.getByRole('button', { name: /^Filters \(2\)/ })).toBeVisible();
  });

  test('pages fit the screen without horizontal scrolling', async ({ page }) => {
    await page.goto(shopUrl('acme', '/'));
    await expect(page.getByRole('banner')).toBeVisible();
    await expectNoHorizontalScroll(page);

    await page.goto(shopUrl('acme', '/products'));
    await expect(productCards(page).first()).toBeVisible();
    await expectNoHorizontalScroll(page);

    await page.goto(shopUrl('acme', await cardHref(page, 0)));
    await expect(page.getByRole('main').getByTestId('price')).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test('product cards are stacked in one column', async ({ page }) => {
    await page.goto(shopUrl('acme', '/products'));
    const cards = productCards(page);
    await expect(cards.nth(2)).toBeVisible();

    const boxes = await Promise.all([0, 1, 2].map(async (i) => (await cards.nth(i).boundingBox())!));
    const viewport = page.viewportSize()!;
    for (const [i, box] of boxes.entries()) {
      expect(box.x, `card ${i} starts at the left edge of the list`).toBeCloseTo(boxes[0]!.x, 0);
      expect(box.width, `card ${i} takes most of the screen width`).toBeGreaterThan(viewport.width * 0.8);
      if (i > 0) expect(box.y, `card ${i} is below card ${i - 1}`).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    }
  });
});
