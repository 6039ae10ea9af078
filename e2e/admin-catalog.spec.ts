import { test, expect, type Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';
import { adminUrl, shopUrl } from './support/hosts';

const main = (page: Page) => page.locator('main');

const euros = (text: string) =>
  Number(
    /([\d.,]+)/
      .exec(text.replace(/\s/g, ''))![1]!
      .replace(/[.,](?=\d{3}\b)/g, '')
      .replace(',', '.'),
  );

test.describe('the wholesale catalog in the console', () => {
  test('a brand, a CSV import and a bulk price change reach a shop at once; a bad file changes nothing', async ({ page, browser }) => {
    const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
    const brand = `Brand ${tag}`;
    const sku = `E2E-${tag}`.toUpperCase();
    await signInAsAdmin(page);

    // A new brand, added in the console.
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Brands & categories' }).click();
    await main(page).getByLabel('New brand').fill(brand);
    await main(page).locator('#taxonomy-brands-heading').locator('..').getByRole('button', { name: 'Add' }).click();
    await expect(main(page).getByText(`Added the brand “${brand}”.`)).toBeVisible();

    // A file with one bad row: refused whole, the row named.
    await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Import CSV' }).click();
    const header = 'sku,name,brand,category,width,aspect_ratio,rim_diameter,load_index,speed_rating,stock,base_price';
    await main(page)
      .getByLabel('CSV file')
      .setInputFiles({
        name: 'catalog.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `${header}\n${sku},Testa ${tag} 205/55 R16 91V,${brand},summer-tyres,205,55,16,91,V,8,100.00\n${sku}-B,Other,${brand},summer-tyres,205,55,16,91,V,8,abc\n`,
        ),
      });
    await main(page).getByRole('button', { name: 'Import catalog' }).click();
    await expect(main(page).getByRole('alert')).toContainText('Nothing was imported: 1 row has a problem');
    await expect(page.getByTestId('import-row-errors')).toContainText('Row 3: base_price:');

    const shop = await browser.newPage();
    try {
      await shop.goto(shopUrl('atraxion', `/products?q=${encodeURIComponent(sku)}`));
      await expect(shop.getByText(`Testa ${tag}`)).toHaveCount(0);

      // The corrected file goes in; the shop lists the article on its next request.
      await main(page)
        .getByLabel('CSV file')
        .setInputFiles({
          name: 'catalog.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(`${header}\n${sku},Testa ${tag} 205/55 R16 91V,${brand},summer-tyres,205,55,16,91,V,8,100.00\n`),
        });
      await main(page).getByRole('button', { name: 'Import catalog' }).click();
      await expect(main(page).getByRole('status')).toContainText('Imported 1 row: 1 new article, 0 updated, 0 unchanged.');

      await shop.goto(shopUrl('atraxion', `/products?q=${encodeURIComponent(sku)}`));
      await shop
        .getByRole('link', { name: new RegExp(`Testa ${tag}`) })
        .first()
        .click();
      await expect(shop.getByRole('heading', { level: 1 })).toContainText(`Testa ${tag}`);
      const productUrl = shop.url();
      const before = euros(await shop.getByTestId('price').first().innerText());
      expect(before).toBeGreaterThan(0);

      // +10 % on this brand only: previewed, confirmed, and the product page shows it at once.
      await page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Base prices' }).click();
      await main(page).getByLabel('Brand').selectOption({ label: brand });
      await main(page).getByRole('textbox', { name: 'Change' }).fill('+10');
      await main(page).getByRole('button', { name: 'Preview' }).click();
      await expect(page.getByTestId('bulk-preview-count')).toContainText('1 article');
      await main(page).getByRole('button', { name: 'Change 1 base price by +10 %' }).click();
      await expect(main(page).getByText('Changed the base price of 1 article by +10 %.')).toBeVisible();

      await shop.goto(productUrl);
      expect(euros(await shop.getByTestId('price').first().innerText())).toBeCloseTo(before * 1.1, 2);

      // The article's own page in the console shows the new base price, and the audit log has all three steps.
      await page.goto(adminUrl(`/catalog?q=${encodeURIComponent(sku)}`));
      await expect(main(page).getByRole('row', { name: new RegExp(sku) })).toContainText('110.00');
      await page.goto(adminUrl('/audit'));
      for (const action of ['catalog.base_prices_changed', 'catalog.imported', 'catalog.brand_created']) {
        await expect(main(page).getByText(action).first()).toBeVisible();
      }
    } finally {
      await shop.close();
    }
  });

  test('customers of every shop are listed with their shop, and can be searched', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers across tenants' })).toBeVisible();
    await main(page).getByLabel('Name, company or email').fill('buyer@acme.test');
    await main(page).getByRole('button', { name: 'Search' }).click();
    const row = main(page).getByRole('row', { name: /buyer@acme\.test/ });
    await expect(row).toContainText('ACME Wheels');
    await expect(main(page).getByRole('row')).toHaveCount(2);
  });
});
