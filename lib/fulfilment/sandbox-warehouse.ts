import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { sandboxWarehouseRequests } from '@/db/schema';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { PermanentFulfilmentError, TemporaryFulfilmentError, type FulfilmentProvider } from './fulfilment-provider';

function trackingNumberFor(tenantId: string, idempotencyKey: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(`${tenantId}:${idempotencyKey}`).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(12, '0');
  return `SBX${digits.slice(0, 12)}`;
}

/**
 * The built-in warehouse for development, demos and tests. Each shop sets how it answers
 * (`tenants.sandbox_warehouse_behaviour`): ship, fail the first N attempts of every request and then
 * ship, or refuse for good. It remembers requests per idempotency key, so a repeated request that
 * shipped returns the same tracking number.
 */
export const sandboxWarehouse: FulfilmentProvider = {
  name: 'sandbox-warehouse',
  async requestShipment(tenant, _order, idempotencyKey) {
    if (tenant.sandboxWarehouseBehaviour === 'fail_permanently') {
      throw new PermanentFulfilmentError('The warehouse cannot ship this order.');
    }
    const [request] = await withTenant(tenant.id, (tx) =>
      tx
        .insert(sandboxWarehouseRequests)
        .values({ tenantId: tenant.id, idempotencyKey, attempts: 1 })
        .onConflictDoUpdate({
          target: [sandboxWarehouseRequests.tenantId, sandboxWarehouseRequests.idempotencyKey],
          set: { attempts: sql`${sandboxWarehouseRequests.attempts} + 1`, updatedAt: new Date() },
        })
        .returning(),
    );
    const failuresLeft = tenant.sandboxWarehouseBehaviour === 'fail_temporarily' ? tenant.sandboxWarehouseTemporaryFailures : 0;
    if (!request!.trackingNumber && request!.attempts <= failuresLeft) {
      throw new TemporaryFulfilmentError(`The warehouse is not reachable (attempt ${request!.attempts}).`);
    }
    const trackingNumber = request!.trackingNumber ?? trackingNumberFor(tenant.id, idempotencyKey);
    if (!request!.trackingNumber) {
      await withTenant(tenant.id, (tx) =>
        tx.update(sandboxWarehouseRequests).set({ trackingNumber }).where(sql`${sandboxWarehouseRequests.idempotencyKey} = ${idempotencyKey}`),
      );
    }
    return { carrier: 'Sandbox Parcel', trackingNumber, trackingUrl: `https://track.sandbox-parcel.test/${trackingNumber}` };
  },
};
