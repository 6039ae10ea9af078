/**
 * Imports a wholesale catalog CSV from the command line, for files larger than the console's upload:
 *
 *   npm run catalog:import -- --file catalog.csv --admin admin@storefleet.test
 *
 * The same checks and the same all-or-nothing rule as the console, one file part at a time (at most
 * 10,000 rows each); parts can be imported in any order, and importing a part again changes nothing.
 * The operator named by --admin is written to the audit log.
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getRegistry } from '@/db/connection-registry';
import { findSuperAdmin } from '@/lib/auth/authorize-admin';
import { isAppError } from '@/lib/errors';
import { importCatalogCsv } from '@/lib/catalog/import-catalog-csv';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { file: { type: 'string' }, admin: { type: 'string' } } });
  if (!values.file || !values.admin) {
    console.error('usage: npm run catalog:import -- --file <catalog.csv> --admin <super admin email>');
    return 2;
  }
  try {
    const admin = await findSuperAdmin({ email: values.admin });
    if (!admin) {
      console.error(`${values.admin} is not a super admin.`);
      return 1;
    }
    const result = await importCatalogCsv({ id: admin.id, email: admin.email, name: admin.name }, readFileSync(values.file));
    console.log(`Imported ${result.rows} rows: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (isAppError(error)) for (const line of (error.details?.rowErrors as string[] | undefined) ?? []) console.error(`  ${line}`);
    return 1;
  } finally {
    await getRegistry().closeAll();
  }
}

main().then((code) => process.exit(code));
