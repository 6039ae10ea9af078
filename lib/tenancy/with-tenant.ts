import { sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { getRegistry } from '@/db/connection-registry';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { connectionNameForTenant } from './tenant-directory';

/** Rejects a missing, empty or malformed tenant id before anything touches a database. */
export function assertTenantId(tenantId: unknown): asserts tenantId is string {
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    throw new AppError('TENANT_REQUIRED', 'A tenant is required for this operation.');
  }
  if (!isUuid(tenantId)) {
    throw new AppError('TENANT_REQUIRED', 'The tenant id is not valid.');
  }
}

/**
 * The only way into the tenant plane. Opens a transaction on the tenant's database (shared or
 * dedicated, chosen from the tenant id alone), pins `app.tenant_id` for that transaction, and drops to
 * the non-superuser application role so row-level security applies to every statement inside.
 */
export async function withTenant<T>(tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  assertTenantId(tenantId);
  const registry = getRegistry();
  const connection = await registry.get(await connectionNameForTenant(tenantId));
  return connection.db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'storefleet_app', true)`);
    return work(tx);
  });
}
