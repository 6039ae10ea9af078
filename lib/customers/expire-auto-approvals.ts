import 'server-only';
import { and, eq, lte } from 'drizzle-orm';
import { platformDb } from '@/db/connection-registry';
import { customers, tenants } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';

/**
 * Every temporary auto-approval that has run out, in every shop, goes back to review. Sign-in also checks
 * the expiry, so this sweep is what makes the owner's review list right for customers who never return.
 * One transaction per shop, inside that shop's own plane; guarded, so a repeat changes nothing.
 */
export async function expireAutoApprovals(now = new Date()): Promise<{ tenants: number; expired: number }> {
  const db = await platformDb();
  const shops = await db.select({ id: tenants.id }).from(tenants);
  let expired = 0;
  for (const shop of shops) {
    const rows = await withTenant(shop.id, (tx) =>
      tx
        .update(customers)
        .set({ status: 'pending_approval', reviewReason: 'auto_approval_expired', updatedAt: now })
        .where(and(eq(customers.status, 'active'), eq(customers.approvalType, 'auto'), lte(customers.approvalExpiresAt, now)))
        .returning({ id: customers.id }),
    );
    expired += rows.length;
  }
  return { tenants: shops.length, expired };
}
