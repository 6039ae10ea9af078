import { getTenantByHost } from '@/lib/tenancy/tenant-directory';

export const dynamic = 'force-dynamic';

/**
 * Asked by the TLS terminator before it obtains a certificate on demand (Caddy's `on_demand_tls { ask
 * … }`): 200 when the host is an active tenant's subdomain or verified custom domain, 404 otherwise. It
 * says nothing else, so it cannot be used to learn about tenants.
 */
export async function GET(request: Request): Promise<Response> {
  const domain = new URL(request.url).searchParams.get('domain') ?? '';
  const served = domain.length > 0 && domain.length <= 253 && (await getTenantByHost(domain)) !== null;
  return new Response(null, { status: served ? 200 : 404, headers: { 'cache-control': 'no-store' } });
}
