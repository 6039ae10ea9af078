import { and, eq, isNotNull } from 'drizzle-orm';
import { DEFAULT_CONNECTION, platformDb } from '@/db/connection-registry';
import { tenants, type Tenant } from '@/db/schema';
import { ensureCacheInvalidationListener, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { AppError } from '@/lib/errors';
import { parseHost } from './parse-host';
import { TtlCache } from './ttl-cache';

const POSITIVE_TTL_MS = 30_000;
// Unknown hosts are cached briefly too, so a scan of random hosts cannot turn into one query per request.
const NEGATIVE_TTL_MS = 5_000;

const byHost = new TtlCache<Tenant | null>(POSITIVE_TTL_MS);
const byId = new TtlCache<Tenant | null>(POSITIVE_TTL_MS);

// Any change to a tenant (domains, activation, settings) reaches every instance through PostgreSQL.
onTenantInvalidated(() => invalidateTenantCache());

export function rootDomain(): string {
  return process.env.PLATFORM_ROOT_DOMAIN ?? 'localhost';
}


async function findTenantForHost(host: string, subdomain: string | null): Promise<Tenant | null> {
  const db = await platformDb();
  // A custom domain wins over a subdomain of the same name, once its DNS record has proven it the
  // tenant's: an unverified domain could be anybody's (set up to hijack a name before its owner).
  const [custom] = await db
    .select()
    .from(tenants)
    .where(and(eq(tenants.customDomain, host), isNotNull(tenants.customDomainVerifiedAt)))
    .limit(1);
  if (custom) return custom;
  if (!subdomain) return null;
  const [sub] = await db.select().from(tenants).where(eq(tenants.subdomain, subdomain)).limit(1);
  return sub ?? null;
}

/** The active tenant serving this host, or null (unknown host, reserved name or inactive tenant). */
export async function getTenantByHost(rawHost: string): Promise<Tenant | null> {
  const target = parseHost(rawHost, rootDomain());
  if (target.kind !== 'tenant') return null;
  await ensureCacheInvalidationListener();
  const cached = byHost.get(target.host);
  if (cached !== undefined) return cached;
  const tenant = await findTenantForHost(target.host, target.subdomain);
  const active = tenant?.isActive ? tenant : null;
  byHost.set(target.host, active, active ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS);
  return active;
}

/** Any tenant by id, active or not (jobs and webhooks may concern a tenant deactivated since). */
export async function getTenantById(tenantId: string): Promise<Tenant | null> {
  const cached = byId.get(tenantId);
  if (cached !== undefined) return cached;
  const db = await platformDb();
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  byId.set(tenantId, tenant ?? null, tenant ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS);
  return tenant ?? null;
}

/** Which database holds this tenant's plane: its dedicated connection, else the shared default. */
export async function connectionNameForTenant(tenantId: string): Promise<string> {
  const tenant = await getTenantById(tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  return tenant.dedicatedDatabase ?? DEFAULT_CONNECTION;
}

/** Called after any tenant write so this instance serves the change on its next request. */
export function invalidateTenantCache(): void {
  byHost.clear();
  byId.clear();
}
