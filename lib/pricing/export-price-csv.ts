import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { articles, tenantArticlePrices } from '@/db/schema';
import { getTenantById } from '@/lib/tenancy/tenant-directory';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';
import { stringifyPriceCsv } from './price-csv';
import { centsToDecimal, formatCsvDate } from './price-input';

/**
 * All of this shop's overrides (past ones too: the export is the shop's price record) as the CSV the
 * import reads, so an export edited in a spreadsheet can go straight back in.
 */
export async function exportPriceCsv(db: Executor, tenantId: string): Promise<string> {
  const timeZone = (await getTenantById(tenantId))?.timeZone ?? DEFAULT_TIME_ZONE;
  const rows = await db
    .select({
      sku: articles.sku,
      priceCents: tenantArticlePrices.priceCents,
      validFrom: tenantArticlePrices.validFrom,
      validUntil: tenantArticlePrices.validUntil,
    })
    .from(tenantArticlePrices)
    .innerJoin(articles, eq(articles.id, tenantArticlePrices.articleId))
    .where(eq(tenantArticlePrices.tenantId, tenantId))
    .orderBy(asc(articles.sku), asc(tenantArticlePrices.validFrom));
  return stringifyPriceCsv(
    rows.map((r) => ({
      sku: r.sku,
      price: centsToDecimal(r.priceCents),
      validFrom: formatCsvDate(r.validFrom, timeZone),
      validUntil: r.validUntil ? formatCsvDate(r.validUntil, timeZone) : '',
    })),
  );
}
