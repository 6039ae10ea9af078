import { NextResponse, type NextRequest } from 'next/server';
import { platformDb } from '@/db/connection-registry';
import { requireStaff } from '@/lib/auth/current-staff';
import { countArticlesFor, rulesWithinScope } from '@/lib/catalog/assortment-rules';
import { allowedScopeFor } from '@/lib/catalog/assortment-scope';
import { AppError, toErrorBody } from '@/lib/errors';
import { readTextWithin } from '@/lib/http/read-bounded-body';
import { requireRequestTenant } from '@/lib/tenancy/request-tenant';

export const dynamic = 'force-dynamic';

/** A page of assortment rules is a few kilobytes of JSON. */
const MAX_DRAFT_RULES_BYTES = 256 * 1024;

/**
 * How many articles the storefront would list under draft rules, for the assortment page's live count.
 * Same WHERE clause as the storefront's listing; nothing is stored. Staff of this host's shop only.
 */
export async function POST(request: NextRequest) {
  try {
    const tenant = await requireRequestTenant();
    await requireStaff(tenant.id);
    const text = await readTextWithin(request, MAX_DRAFT_RULES_BYTES, 'The draft rules');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'Send the draft rules as JSON.');
    }
    const db = await platformDb();
    const rules = rulesWithinScope(body, await allowedScopeFor(db, tenant.id));
    return NextResponse.json({ count: await countArticlesFor(db, rules) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const { status, body } = toErrorBody(error);
    return NextResponse.json(body, { status });
  }
}
