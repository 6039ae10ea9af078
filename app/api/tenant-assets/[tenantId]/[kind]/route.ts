import { etagMatches, findTenantAsset } from '@/lib/branding/logo-asset';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ tenantId: string; kind: string }> };

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A shop's public files (its logo), for the storefront and for email clients. Only the stored bytes and
 * their type leave here; anything unknown is the same bare 404. A URL whose `v` names the current
 * version may be cached for good, since a new upload gets a new `v`; any other URL is revalidated.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { tenantId, kind } = await params;
  let asset: Awaited<ReturnType<typeof findTenantAsset>>;
  try {
    asset = await findTenantAsset(tenantId, kind);
  } catch (error) {
    log.error({ err: error }, 'tenant asset lookup failed');
    return new Response(null, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
  if (!asset) {
    return Response.json(
      { code: 'NOT_FOUND', message: 'Not found.' },
      { status: 404, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } },
    );
  }
  const version = new URL(request.url).searchParams.get('v');
  const headers = new Headers({
    etag: `"${asset.sha256}"`,
    'cache-control': version === asset.sha256.slice(0, 12) ? IMMUTABLE : 'no-cache',
    'x-content-type-options': 'nosniff',
    // Opened on its own, the file is an image and nothing more.
    'content-security-policy': "default-src 'none'; sandbox",
  });
  if (etagMatches(request.headers.get('if-none-match'), asset.sha256)) return new Response(null, { status: 304, headers });
  headers.set('content-type', asset.contentType);
  headers.set('content-length', String(asset.bytes.byteLength));
  return new Response(new Uint8Array(asset.bytes), { status: 200, headers });
}
