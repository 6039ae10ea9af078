import 'server-only';
import { and, eq } from 'drizzle-orm';
import { tenantAssets, tenants } from '@/db/schema';
import { platformDb } from '@/db/connection-registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ASSET_KINDS = ['logo'] as const;

export interface TenantAsset {
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/** A public asset of an active shop, or null: an unknown shop, kind or a malformed id all look the same. */
export async function findTenantAsset(tenantId: string, kind: string): Promise<TenantAsset | null> {
  if (!UUID.test(tenantId) || !(ASSET_KINDS as readonly string[]).includes(kind)) return null;
  const db = await platformDb();
  const [row] = await db
    .select({ contentType: tenantAssets.contentType, bytes: tenantAssets.bytes, sha256: tenantAssets.sha256 })
    .from(tenantAssets)
    .innerJoin(tenants, eq(tenants.id, tenantAssets.tenantId))
    .where(and(eq(tenantAssets.tenantId, tenantId), eq(tenantAssets.kind, kind), eq(tenants.isActive, true)));
  return row ?? null;
}

/** Does an `If-None-Match` header name this ETag (quoted, weak, in a list, or `*`)? */
export function etagMatches(ifNoneMatch: string | null, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${sha256}"`;
  });
}
