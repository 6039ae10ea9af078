import type { Tenant } from '@/db/schema';
import { rootDomain } from './tenant-directory';

type Env = Record<string, string | undefined>;

const isLocalRoot = (root: string) => root === 'localhost' || root.endsWith('.localhost');

/**
 * The scheme and port the platform's public links use. A deployment behind a proxy answers on https's
 * own port, whatever port the app listens on; outside production, or under a localhost root (a build
 * served straight from this machine), the app is reached on the port it listens on: Next's `-p` (and
 * `next dev`'s pick of a free port) is written to PORT in the server process. PUBLIC_URL_SCHEME and
 * PUBLIC_PORT override both.
 */
export function publicSchemeAndPort(env: Env = process.env, root: string = env.PLATFORM_ROOT_DOMAIN ?? rootDomain()): { scheme: string; port: string } {
  const direct = env.NODE_ENV !== 'production' || isLocalRoot(root);
  const scheme = env.PUBLIC_URL_SCHEME || (direct ? 'http' : 'https');
  const port = env.PUBLIC_PORT ?? (direct ? env.PORT || '3000' : '');
  const defaultPort = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return { scheme, port: defaultPort ? '' : port };
}

/**
 * The tenant's own public address, built from its registered host (custom domain, else subdomain),
 * never from a request's Host header: links in emails must not be steerable by whoever sent the request.
 */
export function tenantBaseUrl(tenant: Pick<Tenant, 'customDomain' | 'subdomain'> & Partial<Pick<Tenant, 'customDomainVerifiedAt'>>, env: Env = process.env): string {
  const root = env.PLATFORM_ROOT_DOMAIN ?? rootDomain();
  const { scheme, port } = publicSchemeAndPort(env, root);
  // Under a localhost root (development) custom domains do not resolve, so links use the subdomain.
  // A custom domain not (yet) proven by DNS is not served, so links must not point at it.
  const verified = tenant.customDomainVerifiedAt !== null;
  const host = tenant.customDomain && verified && !isLocalRoot(root) ? tenant.customDomain : `${tenant.subdomain}.${root}`;
  return `${scheme}://${host}${port ? `:${port}` : ''}`;
}
