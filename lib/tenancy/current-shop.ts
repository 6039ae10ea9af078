import 'server-only';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { tagCachedRender } from '@/lib/cache/render-cache';
import { loadShop, type Shop } from '@/lib/tenancy/load-shop';
import { normalizeHost, requestHost } from '@/lib/tenancy/parse-host';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';

export type { Shop };

/**
 * The tenant behind the current storefront request, resolved once per render. The `[host]` segment
 * comes from middleware's rewrite; it must also match the request's own Host header, so that a request
 * which somehow skipped middleware cannot pick a shop by path.
 */
export const getShop = cache(async (hostParam: string): Promise<Shop> => {
  const host = normalizeHost(decodeURIComponent(hostParam));
  const addressedTo = normalizeHost(requestHost(await headers()));
  if (!host || host !== addressedTo) notFound();
  const tenant = await getTenantByHost(host);
  if (!tenant) notFound();
  return loadShop(tenant);
});

/**
 * The shop for a page of the render cache (`app/shop-cache/[host]`), which may read no request header:
 * the host comes from the path alone. That is safe because those pages show only what any signed-out
 * visitor who sends that Host header sees anyway. The page is tagged with its tenant and the tenant's
 * cache stamp as of now (its render's start), so a later change to that tenant makes it a miss.
 */
export const getPublicShop = cache(async (hostParam: string): Promise<Shop> => {
  const host = normalizeHost(decodeURIComponent(hostParam));
  if (!host) notFound();
  // The stamp must be older than everything the page shows: the tenant found first names whose stamp to
  // take, and the tenant the page shows is read again after it. (A change heard between the two drops the
  // directory's entry in the same tick as it moves the stamp on, so the second read cannot be older.)
  const named = await getTenantByHost(host);
  if (!named) notFound();
  await tagCachedRender(named.id);
  const tenant = await getTenantByHost(host);
  if (!tenant) notFound();
  if (tenant.id !== named.id) await tagCachedRender(tenant.id);
  return loadShop(tenant);
});
