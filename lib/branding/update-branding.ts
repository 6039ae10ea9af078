import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { platformDb } from '@/db/connection-registry';
import { auditLog, tenants, type Tenant } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { singleLineText } from '@/lib/forms/storable-text';
import { forgetTenant } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { colorPairProblems, HEX_COLOR, MAX_SHOP_NAME, MAX_TAGLINE } from './branding-rules';

const colorField = (label: string) =>
  z
    .string({ error: `Choose a ${label}.` })
    .trim()
    .regex(HEX_COLOR, `Enter the ${label} as #rrggbb, e.g. #b91c1c.`)
    .transform((hex) => hex.toLowerCase());

export const brandingSchema = z
  .object({
    name: singleLineText('Enter the shop name.').min(1, 'Enter the shop name.').max(MAX_SHOP_NAME, `The shop name can be at most ${MAX_SHOP_NAME} characters.`),
    tagline: singleLineText()
      .max(MAX_TAGLINE, `The tagline can be at most ${MAX_TAGLINE} characters.`)
      .optional()
      .transform((text) => (text ? text : null)),
    primaryColor: colorField('main colour'),
    accentColor: colorField('accent colour'),
  })
  .superRefine((b, ctx) => {
    for (const problem of colorPairProblems(b.primaryColor, b.accentColor)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

export type BrandingInput = z.input<typeof brandingSchema>;

/** Name, tagline and colours of the shop, live on the storefront and in emails from the next request. */
export async function updateBranding(tenantId: string, raw: BrandingInput, actor: string, now = new Date()): Promise<Tenant> {
  const parsed = brandingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the highlighted fields.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  const db = await platformDb();
  const [row] = await db
    .update(tenants)
    .set({ ...parsed.data, updatedAt: now })
    .where(eq(tenants.id, tenantId))
    .returning();
  if (!row) throw new AppError('TENANT_NOT_FOUND', 'This shop does not exist.');
  // The tenants trigger notifies other instances; this one drops its copy right away.
  forgetTenant(tenantId);
  await auditTenantChange(tenantId, actor, 'tenant.branding_updated', parsed.data);
  return row;
}

/** Settings changes are recorded in the shop's own audit log, beside its customer decisions. */
export async function auditTenantChange(tenantId: string, actor: string, action: string, details: Record<string, unknown>): Promise<void> {
  await withTenant(tenantId, (tx) => tx.insert(auditLog).values({ tenantId, actor, action, details }));
}
