import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHost, RESERVED_SUBDOMAINS } from '@/lib/tenancy/parse-host';
import {
  expectStorableText,
  hostileForm,
  hostileRecord,
  hostileString,
  hostileValue,
  safeParseReadable,
  validEmail,
  withOneHostileField,
} from '@/tests/support/hostile-input';
import { createTenantSchema, subdomainSchema, tenantListQuerySchema, tenantPlanSchema, tenantSettingsSchema } from './tenant-schemas';

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ROOT = 'storefleet.test';

const subdomain = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])$/).filter((s) => !RESERVED_SUBDOMAINS.has(s));
const shopName = fc.string({ unit: 'grapheme-ascii', minLength: 2, maxLength: 80 }).filter((s) => s.trim() === s && s.length >= 2);
/** A VAT rate in basis points, written as an owner would: "21", "5.5", "5,50". */
const rate = fc
  .integer({ min: 0, max: 10_000 })
  .chain((bp) =>
    fc
      .constantFrom('.', ',')
      .map((sep) => ({ bp, text: bp % 100 === 0 ? String(bp / 100) : `${Math.trunc(bp / 100)}${sep}${String(bp % 100).padStart(2, '0')}` })),
  );

const validTenant = fc.record({
  name: shopName,
  subdomain,
  salesMode: fc.constantFrom('b2b', 'b2c'),
  countryCode: fc.stringMatching(/^[A-Z]{2}$/),
  currency: fc.constant('EUR'),
  vatRate: rate.map((r) => r.text),
  ownerEmail: validEmail,
});

describe('subdomainSchema: properties', () => {
  it('accepts only names that host parsing reads back as that same tenant', () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, subdomain, fc.constantFrom(...RESERVED_SUBDOMAINS)), (raw) => {
        const result = safeParseReadable(subdomainSchema, raw);
        if (!result.success) return;
        expect(result.data).toMatch(LABEL);
        expect(RESERVED_SUBDOMAINS.has(result.data)).toBe(false);
        expect(parseHost(`${result.data}.${ROOT}`, ROOT)).toEqual({ kind: 'tenant', host: `${result.data}.${ROOT}`, subdomain: result.data });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every free label, whatever its case and surrounding spaces', () => {
    fc.assert(
      fc.property(subdomain, (sub) => {
        expect(subdomainSchema.parse(` ${sub.toUpperCase()} `)).toBe(sub);
      }),
    );
  });

  it('refuses every reserved name', () => {
    for (const name of RESERVED_SUBDOMAINS) expect(subdomainSchema.safeParse(name).success).toBe(false);
  });
});

describe('createTenantSchema: properties', () => {
  it('never throws; what it accepts is within limits, in its sets and storable', () => {
    const keys = ['name', 'subdomain', 'salesMode', 'countryCode', 'currency', 'vatRate', 'ownerEmail'] as const;
    fc.assert(
      fc.property(fc.oneof(hostileRecord(keys), hostileForm(keys), withOneHostileField(validTenant)), (input) => {
        const result = safeParseReadable(createTenantSchema, input);
        if (!result.success) return;
        const tenant = result.data;
        expect(tenant.name).toBe(tenant.name.trim());
        expect(tenant.name.length).toBeGreaterThanOrEqual(2);
        expect(tenant.name.length).toBeLessThanOrEqual(80);
        expectStorableText(tenant.name);
        expect(tenant.subdomain).toMatch(LABEL);
        expect(['b2b', 'b2c']).toContain(tenant.salesMode);
        expect(tenant.countryCode).toMatch(/^[A-Z]{2}$/);
        expect(tenant.currency).toBe('EUR');
        expect(Number.isSafeInteger(tenant.vatRate)).toBe(true);
        expect(tenant.vatRate).toBeGreaterThanOrEqual(0);
        expect(tenant.vatRate).toBeLessThanOrEqual(10_000);
        expect(tenant.ownerEmail).toBe(tenant.ownerEmail.trim().toLowerCase());
      }),
      { numRuns: 500 },
    );
  });

  it('reads a VAT rate written with a dot or a comma as exact basis points', () => {
    fc.assert(
      fc.property(validTenant, rate, (tenant, { bp, text }) => {
        expect(createTenantSchema.parse({ ...tenant, vatRate: text }).vatRate).toBe(bp);
      }),
    );
  });
});

describe('tenantSettingsSchema: properties', () => {
  const keys = ['name', 'tagline', 'salesMode', 'vatRate', 'paymentTimeoutMinutes', 'timeZone'] as const;
  const validSettings = fc.record({
    name: shopName,
    tagline: fc.string({ maxLength: 120 }).filter((s) => s.trim() === s),
    salesMode: fc.constantFrom('b2b', 'b2c'),
    vatRate: rate.map((r) => r.text),
    paymentTimeoutMinutes: fc.integer({ min: 1, max: 10_080 }).map(String),
    timeZone: fc.constantFrom('Europe/Brussels', 'europe/lisbon', 'America/Sao_Paulo', 'UTC'),
  });

  it('never throws; accepted minutes are whole and within a week, the tagline short or null', () => {
    fc.assert(
      fc.property(fc.oneof(hostileRecord(keys), withOneHostileField(validSettings), withOneHostileField(validSettings, hostileValue)), (input) => {
        const result = safeParseReadable(tenantSettingsSchema, input);
        if (!result.success) return;
        const settings = result.data;
        expect(Number.isSafeInteger(settings.paymentTimeoutMinutes)).toBe(true);
        expect(settings.paymentTimeoutMinutes).toBeGreaterThanOrEqual(1);
        expect(settings.paymentTimeoutMinutes).toBeLessThanOrEqual(10_080);
        if (settings.tagline !== null) {
          expect(settings.tagline).not.toBe('');
          expect(settings.tagline.length).toBeLessThanOrEqual(120);
        }
        expectStorableText(settings.name);
        expectStorableText(settings.tagline);
      }),
      { numRuns: 500 },
    );
  });
});

describe('tenant list query and plan: properties', () => {
  it('never fails on a query string: unknown values are dropped', () => {
    fc.assert(
      fc.property(fc.oneof(hostileForm(['q', 'status', 'plan']), hostileRecord(['q', 'status', 'plan'])), (params) => {
        const query = tenantListQuerySchema.parse(params);
        if (query.q !== undefined) {
          expect(query.q.length).toBeLessThanOrEqual(100);
          expectStorableText(query.q);
        }
        if (query.status !== undefined) expect(['active', 'inactive']).toContain(query.status);
        if (query.plan !== undefined) expect(['standard', 'premium']).toContain(query.plan);
      }),
      { numRuns: 300 },
    );
  });

  it('takes only the two plans', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const result = safeParseReadable(tenantPlanSchema, value);
        if (result.success) expect(['standard', 'premium']).toContain(result.data);
      }),
    );
  });
});

describe('tenant schemas: regressions', () => {
  const tenant = { name: 'Acme Wheels', subdomain: 'acme', salesMode: 'b2b', countryCode: 'BE', currency: 'EUR', vatRate: '21', ownerEmail: 'owner@acme.test' };

  it('refuses a NUL in a shop name or tagline, and drops it from the console search', () => {
    expect(createTenantSchema.safeParse({ ...tenant, name: 'a\u0000b' }).success).toBe(false);
    expect(tenantSettingsSchema.safeParse({ name: '\u0000\u0000', tagline: '', salesMode: 'b2b', vatRate: '0', paymentTimeoutMinutes: '1' }).success).toBe(
      false,
    );
    expect(tenantSettingsSchema.safeParse({ name: 'Acme', tagline: 'x\u0000', salesMode: 'b2b', vatRate: '0', paymentTimeoutMinutes: '1' }).success).toBe(
      false,
    );
    expect(tenantListQuerySchema.parse({ q: '\u0000' }).q).toBeUndefined();
  });
});
