import 'server-only';
import { headers } from 'next/headers';
import type { Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { requestHost } from '@/lib/tenancy/parse-host';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';

/** The tenant of the current request, from its Host header: server actions never take it from the client. */
export async function requireRequestTenant(): Promise<Tenant> {
  const tenant = await getTenantByHost(requestHost(await headers()) ?? '');
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  return tenant;
}
