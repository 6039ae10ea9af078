import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tenantAssets, tenants, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';
import { platformDb } from '@/db/connection-registry';
import { auditTenantChange } from './update-branding';
import { MAX_LOGO_BYTES } from './branding-rules';

export { MAX_LOGO_BYTES };

export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/webp';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/**
 * The image type from the file's first bytes. The name and the browser's content type are whatever the
 * uploader says; SVG is never accepted, because an SVG can carry script.
 */
export function detectLogoType(bytes: Uint8Array): LogoContentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

function logoUrlFor(tenantId: string, sha256: string): string {
  return `/api/tenant-assets/${tenantId}/logo?v=${sha256.slice(0, 12)}`;
}

function refuse(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { logo: message } } });
}

/** Checks and stores the logo (replacing any earlier one) and points the shop at its versioned URL. */
export async function saveTenantLogo(tenantId: string, bytes: Uint8Array, actor: string, now = new Date()): Promise<Tenant> {
  if (bytes.byteLength === 0) throw refuse('Choose an image file to upload.');
  if (bytes.byteLength > MAX_LOGO_BYTES) throw refuse('The logo is larger than 512 KB. Please upload a smaller image.');
  const contentType = detectLogoType(bytes);
  if (!contentType) throw refuse('This file is not a PNG, JPEG or WebP image. SVG and other formats are not accepted.');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const db = await platformDb();
  const row = await db.transaction(async (tx) => {
    const asset = { contentType, bytes: Buffer.from(bytes), sha256, updatedAt: now };
    await tx
      .insert(tenantAssets)
      .values({ tenantId, kind: 'logo', ...asset })
      .onConflictDoUpdate({ target: [tenantAssets.tenantId, tenantAssets.kind], set: asset });
    const [updated] = await tx
      .update(tenants)
      .set({ logoUrl: logoUrlFor(tenantId, sha256), updatedAt: now })
      .where(eq(tenants.id, tenantId))
      .returning();
    if (!updated) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
    return updated;
  });
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.logo_uploaded', { contentType, bytes: bytes.byteLength, sha256 });
  return row;
}

/** Back to the monogram in the shop's colours. */
export async function removeTenantLogo(tenantId: string, actor: string, now = new Date()): Promise<Tenant> {
  const db = await platformDb();
  const row = await db.transaction(async (tx) => {
    await tx.delete(tenantAssets).where(eq(tenantAssets.tenantId, tenantId));
    const [updated] = await tx.update(tenants).set({ logoUrl: null, updatedAt: now }).where(eq(tenants.id, tenantId)).returning();
    if (!updated) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
    return updated;
  });
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.logo_removed', {});
  return row;
}
