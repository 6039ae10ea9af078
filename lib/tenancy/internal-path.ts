import type { HostTarget } from './parse-host';

/** Set by middleware on every rewritten request: the path and query the visitor asked for. */
export const PUBLIC_PATH_HEADER = 'x-storefleet-public-path';

/**
 * The internal segment a request is served from, by host and path: the platform, the console, a shop's
 * dashboard (`/dashboard` on the shop's own host) or the shop's storefront. Every public path gets a
 * prefix, so an internal segment typed as a path is itself prefixed and lands on a 404.
 */
export function internalPath(target: HostTarget, pathname: string): string {
  const path = pathname === '/' ? '' : pathname;
  switch (target.kind) {
    case 'platform':
      return `/platform${path}`;
    case 'admin':
      return `/admin${path}`;
    case 'tenant': {
      const host = encodeURIComponent(target.host);
      if (path === '/dashboard' || path.startsWith('/dashboard/')) return `/dashboard/${host}${path.slice('/dashboard'.length)}`;
      return `/shop/${host}${path}`;
    }
    default:
      return `/shop/_unknown${path}`;
  }
}
