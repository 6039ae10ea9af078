import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectStorableText, hostileRecord, hostileValue, safeParseReadable, UUID_PATTERN, withOneHostileField } from '@/tests/support/hostile-input';
import { placeOrderSchema } from './place-order';

const KEYS = ['addressId', 'paymentMethod', 'customerReference', 'idempotencyKey', 'couponCode', 'usePoints'] as const;

const validCheckout = fc.record({
  addressId: fc.uuid({ version: 4 }),
  paymentMethod: fc.constantFrom('invoice', 'card'),
  customerReference: fc.string({ maxLength: 60 }).filter((s) => s.trim() === s),
  idempotencyKey: fc.uuid({ version: 4 }),
  couponCode: fc.stringMatching(/^[A-Za-z0-9-]{0,30}$/),
  usePoints: fc.constantFrom('on', '1', 'off', undefined),
});

describe('placeOrderSchema: properties', () => {
  it('never throws; an accepted checkout names a UUID address, a known method and storable text', () => {
    fc.assert(
      fc.property(fc.oneof(hostileRecord(KEYS), withOneHostileField(validCheckout), withOneHostileField(validCheckout, hostileValue)), (input) => {
        const result = safeParseReadable(placeOrderSchema, input);
        if (!result.success) return;
        const order = result.data;
        expect(order.addressId).toMatch(UUID_PATTERN);
        expect(['invoice', 'card']).toContain(order.paymentMethod);
        expect(order.idempotencyKey.length).toBeGreaterThanOrEqual(16);
        expect(order.idempotencyKey.length).toBeLessThanOrEqual(100);
        for (const [text, max] of [
          [order.customerReference, 60],
          [order.couponCode, 40],
        ] as const) {
          if (text === null) continue;
          expect(text).toBe(text.trim());
          expect(text).not.toBe('');
          expect(text.length).toBeLessThanOrEqual(max);
        }
        for (const text of [order.idempotencyKey, order.customerReference, order.couponCode]) expectStorableText(text);
        if (order.usePoints !== undefined) expect(typeof order.usePoints).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a well-formed checkout as posted', () => {
    fc.assert(
      fc.property(validCheckout, (checkout) => {
        const { usePoints, ...result } = placeOrderSchema.parse(checkout);
        expect(result).toEqual({
          addressId: checkout.addressId,
          paymentMethod: checkout.paymentMethod,
          idempotencyKey: checkout.idempotencyKey,
          customerReference: checkout.customerReference || null,
          couponCode: checkout.couponCode || null,
        });
        // placeOrder reads it as Boolean(usePoints).
        expect(Boolean(usePoints)).toBe(checkout.usePoints === 'on' || checkout.usePoints === '1');
      }),
    );
  });

  it('refuses NUL in the idempotency key, the reference and the coupon code', () => {
    const checkout = { addressId: '5b3f2c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f', paymentMethod: 'invoice', idempotencyKey: 'a7c1f0e2-1111-4222-8333-944455556666' };
    for (const field of ['idempotencyKey', 'customerReference', 'couponCode'] as const) {
      const value = field === 'idempotencyKey' ? `${checkout.idempotencyKey}\u0000` : 'PO\u0000 17';
      expect(placeOrderSchema.safeParse({ ...checkout, [field]: value }).success, field).toBe(false);
    }
  });
});
