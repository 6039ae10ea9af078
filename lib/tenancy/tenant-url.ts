import type { Tenant } from '@/db/schema';
import { isLocalRoot, publicOrigin } from './public-origin';
import { rootDomain } from './tenant-directory';

type Env = Record<string, string | undefined>;

/**
 * The tenant's own public address, built from its registered host (custom domain, else subdomain),
 * never from a request's Host header: links in emails must not be steerable by whoever sent the request.
 */
export function tenantBaseUrl(
  tenant: Pick<Tenant, 'customDomain' | 'subdomain'> & Partial<Pick<Tenant, 'customDomainVerifiedAt'>>,
  env: Env = process.env,
): string {
  const root = env.PLATFORM_ROOT_DOMAIN ?? rootDomain();
  // Under a localhost root (development) custom domains do not resolve, so links use the subdomain.
  // A custom domain not (yet) proven by DNS is not served, so links must not point at it.
  const verified = tenant.customDomainVerifiedAt !== null;
  const host = tenant.customDomain && verified && !isLocalRoot(root) ? tenant.customDomain : `${tenant.subdomain}.${root}`;
  return publicOrigin(host, env, root);
}
