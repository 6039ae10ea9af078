import 'server-only';
import { count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, couponRedemptions, coupons, type Coupon, type Tenant } from '@/db/schema';
import { normalizeCouponCode } from '@/lib/coupons/coupon-rules';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { shopMidnight } from '@/lib/time/shop-midnight';
import { DEFAULT_TIME_ZONE } from '@/lib/time/time-zone';

export type CouponStatus = 'active' | 'scheduled' | 'expired' | 'retired' | 'used_up';

/** How a buyer at checkout would find the coupon now; retiring wins, then the limits, then the window. */
function couponStatus(coupon: Coupon, redemptions: number, now: Date): CouponStatus {
  if (!coupon.active) return 'retired';
  if (coupon.maxRedemptions !== null && redemptions >= coupon.maxRedemptions) return 'used_up';
  if (coupon.validUntil && now >= coupon.validUntil) return 'expired';
  if (now < coupon.validFrom) return 'scheduled';
  return 'active';
}

/** The instant a calendar day starts in the shop's time zone (a coupon "until 31 Dec" lasts all of that day). */
export function startOfShopDay(day: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return shopMidnight(year, month, date, timeZone);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const decimal = (text: string) => text.replace(/\s|%|€/g, '').replace(',', '.');
const optional = (text: string | undefined) => (text ?? '').trim();

/** Euros as people type them ("5", "5,50", "€ 12.5") to cents; more than two decimals is refused, not rounded. */
const euros = (message: string) =>
  z
    .string()
    .transform(decimal)
    .pipe(
      z
        .string()
        .regex(/^\d{1,6}(\.\d{1,2})?$/, message)
        .transform((t) => Math.round(Number(t) * 100)),
    );

const limit = z
  .string()
  .optional()
  .transform(optional)
  .pipe(
    z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .regex(/^\d{1,6}$/, 'Enter a whole number, or leave it empty for no limit.')
        .transform(Number)
        .pipe(z.number().min(1, 'At least 1, or leave it empty for no limit.')),
    ]),
  );

// Years as the price windows take them: Date.UTC reads years below 100 as 19xx, so startOfShopDay would be
// centuries off for them.
const inShopYears = (day: string) => Number(day.slice(0, 4)) >= 2000 && Number(day.slice(0, 4)) <= 2199;

const day = z
  .string()
  .optional()
  .transform(optional)
  .pipe(z.union([z.literal('').transform(() => null), z.iso.date({ error: 'Enter a date.' }).refine(inShopYears, 'Enter a date between 2000 and 2199.')]));

export const couponFormSchema = z
  .object({
    code: z
      .string({ error: 'Enter a code.' })
      .transform(normalizeCouponCode)
      .pipe(z.string().regex(/^[A-Z0-9-]{3,30}$/, 'Use 3 to 30 letters, digits or hyphens.')),
    kind: z.enum(['percent', 'fixed'], { error: 'Choose a percentage or a fixed amount.' }),
    percent: z.string().optional().transform(optional),
    amount: z.string().optional().transform(optional),
    minOrder: z.string().optional().transform(optional),
    validFrom: day,
    validUntil: day,
    maxRedemptions: limit,
    maxPerCustomer: limit,
  })
  .transform((form, ctx) => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: 'custom', path: [path], message });
      return z.NEVER;
    };
    let percentBp: number | null = null;
    let amountCents: number | null = null;
    if (form.kind === 'percent') {
      const text = decimal(form.percent);
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return fail('percent', 'Enter a percentage such as 10 or 12.5, with at most two decimals.');
      percentBp = Math.round(Number(text) * 100);
      if (percentBp < 100 || percentBp > 10_000) return fail('percent', 'Enter a percentage from 1 to 100.');
    } else {
      const parsed = euros('Enter an amount in euros such as 5 or 7.50.').safeParse(form.amount);
      if (!parsed.success || parsed.data <= 0) return fail('amount', 'Enter an amount in euros such as 5 or 7.50.');
      amountCents = parsed.data;
    }
    const min = form.minOrder ? euros('Enter an amount in euros such as 100, or leave it empty.').safeParse(form.minOrder) : null;
    if (min && !min.success) return fail('minOrder', 'Enter an amount in euros such as 100, or leave it empty.');
    if (form.validFrom && form.validUntil && form.validUntil < form.validFrom) return fail('validUntil', 'The last day cannot be before the first day.');
    if (form.maxRedemptions !== null && form.maxPerCustomer !== null && form.maxPerCustomer > form.maxRedemptions) {
      return fail('maxPerCustomer', 'Cannot be more than the total number of uses.');
    }
    return {
      code: form.code,
      kind: form.kind,
      percentBp,
      amountCents,
      minOrderNetCents: min?.data ?? 0,
      validFrom: form.validFrom ? startOfShopDay(form.validFrom) : null,
      validUntil: form.validUntil ? startOfShopDay(nextDay(form.validUntil)) : null,
      maxRedemptions: form.maxRedemptions,
      maxPerCustomer: form.maxPerCustomer,
    };
  });
export type CouponFormInput = z.input<typeof couponFormSchema>;

export interface CouponActor {
  email: string;
}

/** A new coupon, usable from its first day (today when none is given). Codes are unique per shop. */
export async function createCoupon(tenant: Tenant, raw: Partial<Record<keyof CouponFormInput, string>>, actor: CouponActor, now = new Date()): Promise<Coupon> {
  const parsed = couponFormSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Please check the coupon.', { details: { fieldErrors: fieldErrorsOf(parsed.error) } });
  }
  const { validFrom, ...values } = parsed.data;
  return withTenant(tenant.id, async (tx) => {
    const [taken] = await tx.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, values.code));
    if (taken) throw codeTaken(values.code);
    const [row] = await tx
      .insert(coupons)
      .values({ tenantId: tenant.id, ...values, validFrom: validFrom ?? now })
      .onConflictDoNothing()
      .returning();
    // Two owners creating the same code at once: the second insert finds the first's row.
    if (!row) throw codeTaken(values.code);
    await tx.insert(auditLog).values({ tenantId: tenant.id, actor: actor.email, action: 'coupon.created', details: { couponId: row.id, code: row.code } });
    return row;
  });
}

const codeTaken = (code: string) =>
  new AppError('VALIDATION_FAILED', 'Please check the coupon.', {
    details: { fieldErrors: { code: `Your shop already has a coupon ${code}. Choose another code.` } },
  });

/**
 * Retires a coupon: checkout refuses it from now on. Coupons are never deleted, because orders that
 * used one keep pointing at it; retiring twice changes nothing.
 */
export async function retireCoupon(tenant: Tenant, couponId: string, actor: CouponActor): Promise<Coupon> {
  if (!z.uuid().safeParse(couponId).success) throw new AppError('NOT_FOUND', 'This coupon does not exist in this shop.');
  return withTenant(tenant.id, async (tx) => {
    const [before] = await tx.select().from(coupons).where(eq(coupons.id, couponId)).for('update');
    if (!before) throw new AppError('NOT_FOUND', 'This coupon does not exist in this shop.');
    if (!before.active) return before;
    const [row] = await tx.update(coupons).set({ active: false }).where(eq(coupons.id, couponId)).returning();
    await tx.insert(auditLog).values({ tenantId: tenant.id, actor: actor.email, action: 'coupon.retired', details: { couponId, code: before.code } });
    return row!;
  });
}

export interface CouponRow {
  coupon: Coupon;
  redemptions: number;
  customers: number;
  status: CouponStatus;
}

/** Every coupon of the shop, newest first, with how often and by how many customers it was used. */
export async function listCoupons(tenantId: string, now = new Date()): Promise<CouponRow[]> {
  return withTenant(tenantId, async (tx) => {
    const used = tx
      .select({
        couponId: couponRedemptions.couponId,
        redemptions: count().as('redemptions'),
        customers: sql<number>`count(distinct ${couponRedemptions.customerId})`.mapWith(Number).as('customers'),
      })
      .from(couponRedemptions)
      .groupBy(couponRedemptions.couponId)
      .as('used');
    const rows = await tx
      .select({ coupon: coupons, redemptions: used.redemptions, customers: used.customers })
      .from(coupons)
      .leftJoin(used, eq(used.couponId, coupons.id))
      .orderBy(desc(coupons.createdAt), desc(coupons.code));
    return rows.map((r) => {
      const redemptions = Number(r.redemptions ?? 0);
      return { coupon: r.coupon, redemptions, customers: Number(r.customers ?? 0), status: couponStatus(r.coupon, redemptions, now) };
    });
  });
}
