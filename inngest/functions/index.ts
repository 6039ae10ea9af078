import { DEFAULT_POOL } from '../pools';
import { createNotifyInvoicePaid } from './notify-invoice-paid';
import { createNotifyOrderCancelled } from './notify-order-cancelled';
import { createOrderWorkflow } from './order-workflow';
import { bindPool } from './pool-binding';
import { createRefundLatePayment } from './refund-late-payment';
import { createRefundOrder } from './refund-order';
import { expireAutoApprovalsHourly, outboxRelaySweep } from './scheduled';

/** The functions that work for one shop: built once per pool, identical code and ids in every pool. */
const perTenantFactories = [createOrderWorkflow, createRefundLatePayment, createRefundOrder, createNotifyOrderCancelled, createNotifyInvoicePaid];

/** Platform chores that must run once, not once per pool: only the `shared` app has them. */
const platformFunctions = [outboxRelaySweep, expireAutoApprovalsHourly];

type PoolFunction = ReturnType<(typeof perTenantFactories)[number]> | (typeof platformFunctions)[number];

const built = new Map<string, PoolFunction[]>();

/** Every function one pool's app serves (at `servePathForPool(pool)`), built on first use. */
export function functionsForPool(pool: string): PoolFunction[] {
  let fns = built.get(pool);
  if (!fns) {
    const binding = bindPool(pool);
    fns = [...perTenantFactories.map((create) => create(binding)), ...(pool === DEFAULT_POOL ? platformFunctions : [])];
    built.set(pool, fns);
  }
  return fns;
}
