import { eq } from 'drizzle-orm';
import { articles, brands, type Customer, type Tenant } from '@/db/schema';
import { addToCart } from '@/lib/cart/cart-service';
import type { DemoCatalog } from './demo-catalog';

/** Two in-stock articles ACME shows (Michelin), one each in the buyer's cart. */
export async function fillCart(demo: DemoCatalog, shop: Tenant, buyer: Customer): Promise<{ items: number }> {
  const rows = await demo.db
    .select({ id: articles.id, stock: articles.stock })
    .from(articles)
    .innerJoin(brands, eq(brands.id, articles.brandId))
    .where(eq(brands.slug, 'michelin'))
    .orderBy(articles.id);
  const picked = rows.filter((r) => r.stock >= 2).slice(0, 2);
  for (const article of picked) await addToCart(shop, buyer, article.id, 1);
  return { items: picked.length };
}
