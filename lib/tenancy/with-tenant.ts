import { sql } from 'drizzle-orm';
import { lockTenant } from '@/db/advisory-locks';
import type { Transaction } from '@/db/client';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { rowsOf } from '@/db/rows';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { log } from '@/lib/log';
import { connectionNameForTenant, forgetTenant } from './tenant-directory';

/** Rejects a missing, empty or malformed tenant id before anything touches a database. */
function assertTenantId(tenantId: unknown): asserts tenantId is string {
  if (typeof tenantId !== 'string' || tenantId.trim() === '') {
    throw new AppError('TENANT_REQUIRED', 'A tenant is required for this operation.');
  }
  if (!isUuid(tenantId)) {
    throw new AppError('TENANT_REQUIRED', 'The tenant id is not valid.');
  }
}

/** Returned from a transaction on the shared database that found the tenant moved away meanwhile. */
const MOVED = Symbol('tenant moved');

/** SQLSTATEs and driver codes of a connection that went away mid-transaction: server shut down or restarted, session killed, socket closed. */
const LOST_CONNECTION = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
]);

export function isLostConnection(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && LOST_CONNECTION.has(code)) return true;
  }
  return false;
}

/**
 * A transaction whose connection is lost before its commit is rolled back by the server. The
 * caller gets that as DATABASE_UNAVAILABLE (503, "try again"), not as an unexplained failure; a retry is
 * safe because writes that matter carry an idempotency key.
 */
async function runOrReportLostConnection<T>(tenantId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isLostConnection(error)) throw error;
    log.warn({ err: error, tenantId }, 'database connection lost during a tenant transaction');
    throw new AppError('DATABASE_UNAVAILABLE', 'The connection to the database was interrupted. Please try again.', { cause: error });
  }
}

/**
 * The only way into the tenant plane. Opens a transaction on the tenant's database (shared or
 * dedicated, chosen from the tenant id alone), pins `app.tenant_id` for that transaction, and drops to
 * the non-superuser application role so row-level security applies to every statement inside.
 *
 * On the shared database each transaction also holds a shared advisory lock on the tenant, and then
 * reads the tenant's mapping itself (not from the cache). A move to a dedicated database takes that lock
 * exclusively while it copies the last changes and switches the mapping, so the tenant's transactions
 * wait a moment; once the switch is committed they see the new mapping and run again on the dedicated
 * database. Nothing is written to the shared plane after the copy (see lib/tenancy/move-tenant.ts).
 */
export async function withTenant<T>(tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  assertTenantId(tenantId);
  const registry = getRegistry();
  for (let attempt = 1; ; attempt++) {
    const name = await connectionNameForTenant(tenantId);
    const connection = await registry.get(name);
    const outcome = await runOrReportLostConnection(tenantId, () =>
      connection.db.transaction(async (tx) => {
        if (name === DEFAULT_CONNECTION) {
          // The same namespace and key as the exclusive lock of a move (lib/tenancy/move-tenant.ts).
          await lockTenant(tx, 'tenantPlane', tenantId, 'shared');
          // A new statement, so a new snapshot: it sees a switch committed while this one waited for the lock.
          const [row] = rowsOf<{ dedicated: string | null }>(
            await tx.execute(sql`select (select dedicated_database from tenants where id = ${tenantId}) as dedicated,
            set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'storefleet_app', true)`),
          );
          if (row?.dedicated) return MOVED;
        } else {
          // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
          await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'storefleet_app', true)`);
        }
        return { value: await work(tx) };
      }),
    );
    if (outcome !== MOVED) return outcome.value;
    // The mapping changed under the cached one: forget it and go to the tenant's database now.
    forgetTenant(tenantId);
    if (attempt >= 3) throw new AppError('DATABASE_UNAVAILABLE', 'This shop is moving to another database; try again in a moment.');
  }
}
