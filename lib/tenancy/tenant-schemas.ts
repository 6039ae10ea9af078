import { z } from 'zod';
import { timeZoneField } from '@/lib/time/time-zone';
import { singleLineText, WITHOUT_NUL } from '@/lib/forms/storable-text';
import { isValidSubdomain, RESERVED_SUBDOMAINS } from '@/lib/tenancy/parse-host';

const vatRate = z
  .string()
  .trim()
  .regex(/^\d{1,3}([.,]\d{1,2})?$/, 'Enter a rate such as 21 or 5.5.')
  .transform((value) => Math.round(Number(value.replace(',', '.')) * 100))
  .refine((bp) => bp >= 0 && bp <= 10_000, 'Enter a rate between 0 and 100.');

const name = singleLineText().min(2, 'Enter the shop’s name.').max(80, 'Use at most 80 characters.');

export const subdomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Use at least 2 characters.')
  .max(63, 'Use at most 63 characters.')
  .refine((value) => !RESERVED_SUBDOMAINS.has(value), 'This name is reserved by the platform.')
  .refine(isValidSubdomain, 'Use lower-case letters, digits and hyphens (not at the start or end).');

export const createTenantSchema = z.object({
  name,
  subdomain: subdomainSchema,
  salesMode: z.enum(['b2b', 'b2c'], { error: 'Choose B2B or B2C.' }),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Enter a two-letter country code, e.g. BE.'),
  currency: z.literal('EUR', { error: 'Shops sell in euros.' }),
  vatRate,
  ownerEmail: z.string().trim().toLowerCase().email('Enter the owner’s email address.').max(254),
});

export const tenantSettingsSchema = z.object({
  name,
  tagline: singleLineText()
    .max(120, 'Use at most 120 characters.')
    .transform((value) => value || null),
  salesMode: z.enum(['b2b', 'b2c'], { error: 'Choose B2B or B2C.' }),
  vatRate,
  paymentTimeoutMinutes: z.coerce
    .number({ error: 'Enter a number of minutes.' })
    .int('Enter whole minutes.')
    .min(1, 'At least 1 minute.')
    .max(10_080, 'At most 7 days (10080 minutes).'),
  timeZone: timeZoneField,
});

export const tenantPlanSchema = z.enum(['standard', 'premium'], { error: 'Choose a plan.' });

export const tenantListQuerySchema = z.object({
  q: z.string().regex(WITHOUT_NUL).trim().max(100).optional().catch(undefined),
  status: z.enum(['active', 'inactive']).optional().catch(undefined),
  plan: z.enum(['standard', 'premium']).optional().catch(undefined),
});
export type TenantListQuery = z.infer<typeof tenantListQuerySchema>;
