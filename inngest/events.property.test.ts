import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { hostileRecord, hostileString, safeParseReadable, UUID_PATTERN, withOneHostileField } from '@/tests/support/hostile-input';
import { invoicePaid, orderCancelled, orderPlaced, orderRefundRequested, paymentCaptured } from './events';

const uuid = fc.uuid({ version: 4 });
const cents = fc.integer({ min: 0, max: 10_000_000 });

interface EventCase {
  name: string;
  schema: unknown;
  valid: fc.Arbitrary<Record<string, unknown>>;
  ids: readonly string[];
}

const events: EventCase[] = [
  {
    name: 'shop/order.placed',
    schema: orderPlaced.schema,
    valid: fc.record(
      {
        tenantId: uuid,
        orderId: uuid,
        number: fc.integer({ min: 1, max: 1e6 }),
        paymentMethod: fc.constantFrom('card', 'invoice'),
        grossCents: cents,
        currency: fc.constant('EUR'),
        plan: fc.constantFrom('standard', 'premium'),
      },
      { requiredKeys: ['tenantId', 'orderId', 'number', 'paymentMethod', 'grossCents', 'currency'] },
    ),
    ids: ['tenantId', 'orderId'],
  },
  {
    name: 'shop/payment.captured',
    schema: paymentCaptured.schema,
    valid: fc.record({ tenantId: uuid, orderId: uuid, paymentId: uuid, amountCents: cents, currency: fc.constant('EUR') }),
    ids: ['tenantId', 'orderId', 'paymentId'],
  },
  {
    name: 'shop/invoice.paid',
    schema: invoicePaid.schema,
    valid: fc.record({ tenantId: uuid, orderId: uuid, paymentId: uuid, amountCents: cents, currency: fc.constant('EUR') }),
    ids: ['tenantId', 'orderId', 'paymentId'],
  },
  {
    name: 'shop/order.cancelled',
    schema: orderCancelled.schema,
    valid: fc.record({ tenantId: uuid, orderId: uuid, reason: fc.constant('cancelled_by_shop') }),
    ids: ['tenantId', 'orderId'],
  },
  {
    name: 'shop/order.refund-requested',
    schema: orderRefundRequested.schema,
    valid: fc.record({ tenantId: uuid, orderId: uuid, reason: fc.string({ minLength: 1, maxLength: 200 }), requestedBy: fc.string() }),
    ids: ['tenantId', 'orderId'],
  },
];

describe('workflow event payloads: properties', () => {
  it.each(events)('$name: never throws; an accepted payload names its tenant and rows by UUID', ({ schema, valid, ids }) => {
    const zodSchema = schema as unknown as z.ZodType<Record<string, unknown>>;
    fc.assert(
      fc.property(
        fc.oneof(
          hostileRecord(['tenantId', 'orderId', 'paymentId', 'number', 'grossCents', 'amountCents', 'reason']),
          withOneHostileField(valid),
          withOneHostileField(valid, fc.oneof(fc.double(), fc.integer(), hostileString)),
        ),
        (input) => {
          const result = safeParseReadable(zodSchema, input);
          if (!result.success) return;
          for (const key of ids) expect(result.data[key]).toMatch(UUID_PATTERN);
          for (const key of ['number', 'grossCents', 'amountCents']) {
            if (key in result.data) expect(Number.isSafeInteger(result.data[key])).toBe(true);
          }
          if ('reason' in result.data) expect(typeof result.data.reason).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(events)('$name: accepts every payload the application publishes', ({ schema, valid }) => {
    const zodSchema = schema as unknown as z.ZodType<Record<string, unknown>>;
    fc.assert(
      fc.property(valid, (payload) => {
        expect(zodSchema.parse(payload)).toEqual(payload);
      }),
    );
  });
});
