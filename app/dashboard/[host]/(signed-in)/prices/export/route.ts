import { NextResponse } from 'next/server';
import { platformDb } from '@/db/connection-registry';
import { requireStaff } from '@/lib/auth/current-staff';
import { shopDay } from '@/lib/pricing/price-input';
import { exportPriceCsv } from '@/lib/pricing/export-price-csv';
import { toErrorBody } from '@/lib/errors';
import { requireRequestTenant } from '@/lib/tenancy/request-tenant';

export const dynamic = 'force-dynamic';

/** The shop's price overrides as a CSV download (`sku,price,valid_from,valid_until`). Staff of this host's shop only. */
export async function GET() {
  try {
    const tenant = await requireRequestTenant();
    await requireStaff(tenant.id);
    const csv = await exportPriceCsv(await platformDb(), tenant.id);
    const filename = `prices-${tenant.subdomain}-${shopDay(new Date(), tenant.timeZone)}.csv`;
    return new NextResponse(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
