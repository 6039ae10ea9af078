/**
 * Moves one tenant's plane from the shared database to a dedicated one and switches its mapping.
 *
 *   npm run tenant:move -- --tenant <subdomain> --to <name> [--delete-source]
 *
 * Environment: the app's database variables (DATABASE_URL, TENANT_DATABASE_URLS). The dedicated database
 * is TENANT_DATABASE_URLS[<name>] when configured, else `<db>_<name>` beside the default one (created when
 * missing) or the PGlite directory `<dir>--<name>`. Safe to run again: a failed or interrupted move
 * resumes; a finished one is a no-op (with --delete-source it then removes the kept shared copy).
 */
import 'server-only';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';
import { tenants } from '@/db/schema';
import { moveTenantToDedicated } from '@/lib/tenancy/move-tenant';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, to: { type: 'string' }, 'delete-source': { type: 'boolean', default: false } },
  });
  if (!values.tenant || !values.to) {
    console.error('usage: npm run tenant:move -- --tenant <subdomain> --to <name> [--delete-source]');
    return 2;
  }
  const registry = getRegistry();
  try {
    const { db } = await registry.get(DEFAULT_CONNECTION);
    const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.subdomain, values.tenant));
    if (!tenant) {
      console.error(`No tenant with subdomain ${values.tenant}`);
      return 1;
    }
    const result = await moveTenantToDedicated(tenant.id, values.to, { deleteSource: values['delete-source'] });
    const rows = Object.entries(result.verification).map(([table, v]) => ({ table, rows: v.targetRows, checksum: v.targetChecksum, equal: v.equal }));
    console.log(
      result.alreadyMoved
        ? `${values.tenant} already lives on ${result.to} (move ${result.moveId})`
        : `${values.tenant} moved ${result.from} → ${result.to} (move ${result.moveId})`,
    );
    console.table(rows);
    if (result.sourceDeleted) console.log(`Rows of ${values.tenant} deleted from ${result.from}.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await registry.closeAll();
  }
}

main().then((code) => process.exit(code));
