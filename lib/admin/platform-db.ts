import { DEFAULT_CONNECTION, getRegistry } from '@/db/connection-registry';

/** Tenants, operators and the platform's audit log live in the default database. */
export async function platformDb() {
  return (await getRegistry().get(DEFAULT_CONNECTION)).db;
}
