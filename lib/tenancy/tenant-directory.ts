import { eq, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { DEFAULT_CONNECTION, platformDb } from '@/db/connection-registry';
import { tenants, type Tenant } from '@/db/schema';
import { ALL_TENANTS, ensureCacheInvalidationListener, onTenantInvalidated } from '@/lib/cache/cache-invalidation';
import { isFresh, tenantFreshness } from '@/lib/cache/version-stamp';
import { AppError } from '@/lib/errors';
import { parseHost } from './parse-host';
import { capacityFromEnv, TenantCache, type TenantLoader, type TenantStamps } from './tenant-cache';

/** Default of TENANT_DIRECTORY_MAX: the platform's scale (50,000 shops), so every shop stays cached. */
export const DEFAULT_TENANT_DIRECTORY_MAX = 50_000;
/** Default of TENANT_DIRECTORY_UNKNOWN_MAX: unknown host names remembered for a few seconds each. */
const DEFAULT_TENANT_DIRECTORY_UNKNOWN_MAX = 10_000;

/** The directory's capacity from the environment; refused at start-up when unreadable (instrumentation.ts). */
export function tenantDirectoryCapacity(env: Record<string, string | undefined> = process.env) {
  return {
    maxTenants: capacityFromEnv('TENANT_DIRECTORY_MAX', DEFAULT_TENANT_DIRECTORY_MAX, env),
    maxUnknownHosts: capacityFromEnv('TENANT_DIRECTORY_UNKNOWN_MAX', DEFAULT_TENANT_DIRECTORY_UNKNOWN_MAX, env),
  };
}

export function rootDomain(): string {
  return process.env.PLATFORM_ROOT_DOMAIN ?? 'localhost';
}

/** Reads tenants from a platform database (the application's, or any other in tests). */
export function databaseTenantLoader(database: () => Promise<Executor>): TenantLoader {
  return {
    async byHost(host, subdomain) {
      const db = await database();
      // A custom domain wins over a subdomain of the same name, once its DNS record has proven it the
      // tenant's: an unverified domain could be anybody's (set up to hijack a name before its owner).
      // One statement for both: the verified custom domain sorts first (a null comparison counts as false).
      const verifiedDomain = sql`(${tenants.customDomain} = ${host} and ${tenants.customDomainVerifiedAt} is not null)`;
      const [found] = await db
        .select()
        .from(tenants)
        .where(subdomain ? or(verifiedDomain, eq(tenants.subdomain, subdomain)) : verifiedDomain)
        .orderBy(sql`coalesce(${verifiedDomain}, false) desc`)
        .limit(1);
      return found ?? null;
    },
    async byId(tenantId) {
      const db = await database();
      const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1);
      return tenant ?? null;
    },
  };
}

/** What this process's directory reads from: the platform database. */
export const platformTenantLoader: TenantLoader = databaseTenantLoader(platformDb);

/** The directory keeps a tenant until its cache versions move on (docs/cache-versions.md). */
const versionStamps: TenantStamps = {
  take: (tenantId) => tenantFreshness(tenantId).stamp,
  isCurrent: (stamp) => isFresh({ stamp, at: 0 }, 0),
};

const state = globalThis as typeof globalThis & { __storefleetTenantDirectory?: TenantCache };

/** This process's directory, created on first use with the configured capacity. */
function directory(): TenantCache {
  if (state.__storefleetTenantDirectory) return state.__storefleetTenantDirectory;
  const cache = new TenantCache(platformTenantLoader, { ...tenantDirectoryCapacity(), stamps: versionStamps });
  state.__storefleetTenantDirectory = cache;
  // A change to a tenant (its row, domains, visibility rules, prices) reaches every instance through
  // PostgreSQL with that tenant's id: only that tenant is forgotten. `*` (a platform-wide notice) forgets all.
  onTenantInvalidated((tenantId) => (tenantId === ALL_TENANTS ? cache.forgetAll() : cache.forgetTenant(tenantId)));
  return cache;
}

/** The active tenant serving this host, or null (unknown host, reserved name or inactive tenant). */
export async function getTenantByHost(rawHost: string): Promise<Tenant | null> {
  const target = parseHost(rawHost, rootDomain());
  if (target.kind !== 'tenant') return null;
  await ensureCacheInvalidationListener();
  const tenant = await directory().byHost(target.host, target.subdomain);
  return tenant?.isActive ? tenant : null;
}

/** Any tenant by id, active or not (jobs and webhooks may concern a tenant deactivated since). */
export async function getTenantById(tenantId: string): Promise<Tenant | null> {
  return directory().byId(tenantId);
}

/** Which database holds this tenant's plane: its dedicated connection, else the shared default. */
export async function connectionNameForTenant(tenantId: string): Promise<string> {
  const tenant = await getTenantById(tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  return tenant.dedicatedDatabase ?? DEFAULT_CONNECTION;
}

/**
 * Called after a committed write to one tenant, so this instance serves the change on its next request
 * (the other instances hear of it through PostgreSQL). Only this tenant is forgotten.
 */
export function forgetTenant(tenantId: string): void {
  directory().forgetTenant(tenantId);
}

/** Forgets every tenant: for platform-wide changes and for tests starting afresh, not for one tenant's change. */
export function forgetAllTenants(): void {
  directory().forgetAll();
}
