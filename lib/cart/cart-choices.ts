import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { carts, type Customer, type Tenant } from '@/db/schema';
import { normalizeCouponCode } from '@/lib/coupons/coupon-rules';
import { AppError } from '@/lib/errors';
import { WITHOUT_NUL } from '@/lib/forms/storable-text';
import { withTenant } from '@/lib/tenancy/with-tenant';

/**
 * What the buyer chose for the cart at checkout besides its lines: the coupon and whether to spend
 * loyalty points. Kept with the cart, so leaving checkout and coming back (another page, another
 * device) finds them still applied; placing the order re-checks them under locks.
 */
export interface CartChoices {
  couponCode: string | null;
  useLoyaltyPoints: boolean;
}

const MAX_COUPON_LENGTH = 40;

export async function loadCartChoices(tenant: Pick<Tenant, 'id'>, customer: Pick<Customer, 'id'>): Promise<CartChoices> {
  const [row] = await withTenant(tenant.id, (tx) =>
    tx.select({ couponCode: carts.couponCode, useLoyaltyPoints: carts.useLoyaltyPoints }).from(carts).where(eq(carts.customerId, customer.id)),
  );
  return { couponCode: row?.couponCode ?? null, useLoyaltyPoints: row?.useLoyaltyPoints ?? false };
}

/** A typed code as stored: trimmed, upper case, no spaces; empty means none. */
export function couponCodeOf(typed: unknown): string | null {
  if (typeof typed !== 'string') return null;
  const code = normalizeCouponCode(typed);
  if (!code) return null;
  if (code.length > MAX_COUPON_LENGTH || !WITHOUT_NUL.test(code)) {
    throw new AppError('VALIDATION_FAILED', 'This coupon code is not valid in this shop.', {
      details: { fieldErrors: { couponCode: 'This coupon code is not valid in this shop.' } },
    });
  }
  return code;
}

export async function saveCartChoices(tenant: Pick<Tenant, 'id'>, customer: Pick<Customer, 'id'>, choices: Partial<CartChoices>): Promise<void> {
  const set = { ...choices, updatedAt: sql`now()` };
  await withTenant(tenant.id, (tx) =>
    tx
      .insert(carts)
      .values({ tenantId: tenant.id, customerId: customer.id, ...choices })
      .onConflictDoUpdate({ target: [carts.tenantId, carts.customerId], set }),
  );
}
