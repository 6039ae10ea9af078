/**
 * Sets how a shop's sandbox warehouse answers, before the app is started on the database:
 *
 *   tsx resilience/support/set-warehouse.ts <subdomain> <succeed|fail_temporarily|fail_permanently> [failures]
 *
 * There is no screen for it (it is a test and demo switch), and an embedded database can only be opened
 * by one process at a time, so this runs while the app is down.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { tenants } from '@/db/schema';

async function main(): Promise<void> {
  const [subdomain, behaviour, failures = '2'] = process.argv.slice(2);
  if (!subdomain || !['succeed', 'fail_temporarily', 'fail_permanently'].includes(behaviour ?? '')) {
    throw new Error('Usage: set-warehouse.ts <subdomain> <succeed|fail_temporarily|fail_permanently> [failures]');
  }
  const registry = getRegistry();
  try {
    const { db } = await registry.get(DEFAULT_CONNECTION);
    const updated = await db
      .update(tenants)
      .set({ sandboxWarehouseBehaviour: behaviour as 'succeed', sandboxWarehouseTemporaryFailures: Number(failures) })
      .where(eq(tenants.subdomain, subdomain))
      .returning({ id: tenants.id });
    if (updated.length !== 1) throw new Error(`No shop with subdomain ${subdomain}`);
  } finally {
    await registry.closeAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
