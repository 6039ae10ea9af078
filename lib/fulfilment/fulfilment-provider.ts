import type { Order, Tenant } from '@/db/schema';

export interface ShipmentConfirmation {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

/** The warehouse is down or busy: the same request may succeed later, so it is retried. */
export class TemporaryFulfilmentError extends Error {
  override readonly name = 'TemporaryFulfilmentError';
}

/** The warehouse will never ship this order (out of stock for good, address refused…): compensate. */
export class PermanentFulfilmentError extends Error {
  override readonly name = 'PermanentFulfilmentError';
}

/** What the order workflow needs of a warehouse. */
export interface FulfilmentProvider {
  readonly name: string;
  /**
   * Asks the warehouse to ship the order. Idempotent per key: repeating a request that succeeded returns
   * the same parcel rather than shipping twice. Throws TemporaryFulfilmentError or PermanentFulfilmentError.
   */
  requestShipment(tenant: Tenant, order: Order, idempotencyKey: string): Promise<ShipmentConfirmation>;
}
