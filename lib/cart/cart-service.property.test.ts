import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Tenant } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { hostileString } from '@/tests/support/hostile-input';

// No database: a forged id must be answered before any query, and an id in range must get as far as one.
const touched = vi.hoisted(() => ({ count: 0, error: new Error('database touched') }));
vi.mock('@/lib/tenancy/with-tenant', () => ({
  withTenant: async () => {
    touched.count++;
    throw touched.error;
  },
}));
vi.mock('@/db/connection-registry', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/db/connection-registry')>()),
  getRegistry: () => ({
    get: async () => {
      touched.count++;
      throw touched.error;
    },
  }),
  platformDb: async () => {
    touched.count++;
    throw touched.error;
  },
}));

const { addToCart, removeFromCart, setCartQuantity } = await import('./cart-service');
const { getCustomerOrder } = await import('@/lib/orders/customer-orders');

const tenant = { id: '0b7d2c4e-3f1a-4c5b-8d6e-7f8091a2b3c4' } as Tenant;
const customer = { id: '1c8e3d5f-4a2b-4d6c-9e7f-8091a2b3c4d5', status: 'active', approvalExpiresAt: null, marginBp: 0 } as unknown as Customer;
const inIntegerRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= 2_147_483_647;

const anyNumber = fc.oneof(
  fc.integer({ min: 1, max: 2_147_483_647 }),
  fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -5, max: 0 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, 1.5),
);

describe('cart and order lookups: forged numbers and ids never reach the database', () => {
  beforeEach(() => {
    touched.count = 0;
  });

  it('addToCart answers NOT_VISIBLE for an article id outside the integer column, without a query', async () => {
    await fc.assert(
      fc.asyncProperty(anyNumber, async (articleId) => {
        touched.count = 0;
        const error = await addToCart(tenant, customer, articleId, 1).catch((e: unknown) => e);
        if (inIntegerRange(articleId)) expect(error).toBe(touched.error);
        else {
          expect(isAppError(error, 'NOT_VISIBLE')).toBe(true);
          expect(touched.count).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a cart line id that is not a UUID changes nothing and finds nothing, without a query', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, fc.integer({ min: 1, max: 5 }), async (itemId, quantity) => {
        fc.pre(!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(itemId));
        touched.count = 0;
        await expect(removeFromCart(tenant, customer, itemId)).resolves.toBeUndefined();
        const error = await setCartQuantity(tenant, customer, itemId, quantity).catch((e: unknown) => e);
        expect(isAppError(error, 'NOT_FOUND')).toBe(true);
        expect(touched.count).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('getCustomerOrder finds no order for a number outside the integer column, without a query', async () => {
    await fc.assert(
      fc.asyncProperty(anyNumber, async (number) => {
        touched.count = 0;
        const found = await getCustomerOrder(tenant.id, customer.id, number).catch((e: unknown) => e);
        if (inIntegerRange(number)) expect(found).toBe(touched.error);
        else {
          expect(found).toBeNull();
          expect(touched.count).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('regressions: article 2147483648, line "x" and order 99999999999', async () => {
    expect(isAppError(await addToCart(tenant, customer, 2_147_483_648, 1).catch((e: unknown) => e), 'NOT_VISIBLE')).toBe(true);
    await removeFromCart(tenant, customer, 'x');
    expect(await getCustomerOrder(tenant.id, customer.id, 99_999_999_999)).toBeNull();
    expect(touched.count).toBe(0);
  });
});
