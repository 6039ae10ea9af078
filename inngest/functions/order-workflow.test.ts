import { InngestTestEngine } from '@inngest/test';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POOL } from '../pools';
import { createOrderWorkflow } from './order-workflow';
import { bindPool } from './pool-binding';

const orderWorkflow = createOrderWorkflow(bindPool(DEFAULT_POOL));

/**
 * Step logic of the order saga with every step mocked: which steps run, in which order, and that a
 * step's result is memoized (the engine re-runs the handler once per step; a step's body runs once).
 * Branches that wait for an event or time out are covered through the real serve handler in
 * tests/order-workflow.test.ts, since @inngest/test cannot mock `waitForEvent`.
 */
const tenantId = '00000000-0000-4000-8000-000000000001';
const orderId = '00000000-0000-4000-8000-0000000000aa';
const event = {
  name: 'shop/order.placed',
  data: { tenantId, orderId, number: 7, paymentMethod: 'invoice', grossCents: 12_100, currency: 'EUR', plan: 'standard' },
};

const facts = (overrides: Record<string, unknown> = {}) => ({
  status: 'awaiting_payment',
  paymentMethod: 'invoice',
  needsPayment: false,
  paidByCard: false,
  timeoutMinutes: 30,
  paymentDueBy: null,
  ...overrides,
});

function engine(steps: Record<string, () => unknown>) {
  const handlers = Object.fromEntries(Object.entries(steps).map(([id, fn]) => [id, vi.fn(fn)]));
  const t = new InngestTestEngine({
    function: orderWorkflow,
    events: [event as never],
    steps: Object.entries(handlers).map(([id, handler]) => ({ id, handler })),
  });
  return { t, handlers };
}

const stepIds = (ctx: InngestTestEngine.MockContext) => ctx.step.run.mock.calls.map((call) => call[0]);

describe('order workflow steps', () => {
  it('an invoice order goes straight to the warehouse and is shipped, each step once, in order', async () => {
    const parcel = { carrier: 'Sandbox Parcel', trackingNumber: 'SBX000000000001', trackingUrl: null };
    const { t, handlers } = engine({
      'load-order': () => facts(),
      'email-order-confirmation': () => undefined,
      'start-fulfilment': () => true,
      'request-shipment': () => ({ shipped: true, parcel }),
      'record-shipment': () => true,
      'email-order-shipped': () => undefined,
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ outcome: 'shipped', trackingNumber: 'SBX000000000001' });
    expect([...new Set(stepIds(ctx))]).toEqual([
      'load-order',
      'email-order-confirmation',
      'start-fulfilment',
      'request-shipment',
      'record-shipment',
      'email-order-shipped',
    ]);
    for (const handler of Object.values(handlers)) expect(handler).toHaveBeenCalledTimes(1);
    expect(ctx.step.waitForEvent).not.toHaveBeenCalled();
  });

  it('a paid order the warehouse refuses is refunded, then marked refunded, then the buyer is told', async () => {
    const refund = { id: 'r1', amountCents: 12_100, currency: 'EUR', reason: 'The warehouse could not ship your order.' };
    const { t, handlers } = engine({
      'load-order': () => facts({ status: 'paid', paymentMethod: 'card', paidByCard: true }),
      'email-order-confirmation': () => undefined,
      'email-payment-received': () => undefined,
      'start-fulfilment': () => true,
      'request-shipment': () => ({ shipped: false, reason: 'Out of stock at the warehouse' }),
      'refund-payment': () => refund,
      'mark-order-refunded': () => undefined,
      'email-order-refunded': () => undefined,
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ outcome: 'refunded', reason: 'Out of stock at the warehouse' });
    // Paid before the workflow started: no wait, but the buyer still hears the payment arrived.
    expect(ctx.step.waitForEvent).not.toHaveBeenCalled();
    expect([...new Set(stepIds(ctx))]).toEqual([
      'load-order',
      'email-order-confirmation',
      'email-payment-received',
      'start-fulfilment',
      'request-shipment',
      'refund-payment',
      'mark-order-refunded',
      'email-order-refunded',
    ]);
    expect(handlers['refund-payment']).toHaveBeenCalledTimes(1);
  });

  it('an invoice order the warehouse refuses is cancelled, never refunded', async () => {
    const { t } = engine({
      'load-order': () => facts(),
      'email-order-confirmation': () => undefined,
      'start-fulfilment': () => true,
      'request-shipment': () => ({ shipped: false, reason: 'Address refused' }),
      'cancel-unfulfillable-order': () => undefined,
      'email-order-cancelled': () => undefined,
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ outcome: 'cancelled', reason: 'Address refused' });
    expect(stepIds(ctx)).not.toContain('refund-payment');
  });

  it('an order that is not in the event’s tenant stops the run without touching anything', async () => {
    const { t, handlers } = engine({ 'load-order': () => null, 'email-order-confirmation': () => undefined });
    const { error } = await t.execute();
    expect(String((error as Error)?.message ?? error)).toMatch(/does not exist in its tenant/);
    expect(handlers['email-order-confirmation']).not.toHaveBeenCalled();
  });
});
