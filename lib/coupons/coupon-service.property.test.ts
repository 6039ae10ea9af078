import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '@/db/client';
import { hostileString } from '@/tests/support/hostile-input';
import { findCouponWithUsage } from './coupon-service';

/** A transaction that knows no coupons and counts its queries. */
function emptyShop() {
  let queries = 0;
  const rows = Object.assign(Promise.resolve([]), { for: () => Promise.resolve([]) });
  const tx = {
    select: () => {
      queries++;
      return { from: () => ({ where: () => ({ limit: () => rows }) }) };
    },
  } as unknown as Transaction;
  return { tx, queries: () => queries };
}

describe('findCouponWithUsage: properties', () => {
  it('finds nothing for a code no coupon can have, without sending a NUL to PostgreSQL', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, fc.boolean(), async (code, forUpdate) => {
        const shop = emptyShop();
        const found = await findCouponWithUsage(shop.tx, code, '5b3f2c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f', { forUpdate });
        expect(found).toEqual({ coupon: null, usage: { redemptions: 0, customerRedemptions: 0 } });
        if (code.includes('\u0000')) expect(shop.queries()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('does not query for ?coupon=%00', async () => {
    const shop = emptyShop();
    expect((await findCouponWithUsage(shop.tx, '\u0000', '5b3f2c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f')).coupon).toBeNull();
    expect(shop.queries()).toBe(0);
  });
});
