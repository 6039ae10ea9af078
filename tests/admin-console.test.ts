import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as domainCheck } from '@/app/api/domain-check/route';
import { DEMO_SUPER_ADMIN } from '@/db/seed/seed-demo';
import { brands, categories, platformAuditLog, sentEmails, staffUsers, tenants, tenantVisibleBrands, tenantVisibleCategories } from '@/db/schema';
import { checkCustomDomain, setCustomDomain } from '@/lib/tenancy/custom-domain';
import { setDnsVerifier } from '@/lib/tenancy/dns-verifier';
import { listPlatformAudit } from '@/lib/audit/platform-audit';
import { createTenant, listTenants, setTenantActive, setTenantPlan, updateTenantSettings } from '@/lib/tenancy/manage-tenants';
import { setVisibilityScope } from '@/lib/catalog/visibility-scope';
import { listOrdersAcrossTenants } from '@/lib/platform-read-model/cross-tenant';
import { projectPlatformReadModel } from '@/lib/platform-read-model/projector';
import type { AdminActor } from '@/lib/auth/authorize-admin';
import { authorizeStaff } from '@/lib/auth/authorize-staff';
import { ensureCacheInvalidationListener } from '@/lib/cache/cache-invalidation';
import { allowedScopeFor } from '@/lib/catalog/assortment-scope';
import { acceptInvitation } from '@/lib/staff/staff-invitations';
import { isAppError } from '@/lib/errors';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { idsBySlug, seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
let admin: AdminActor;

const newShop = (overrides: Record<string, string> = {}) => ({
  name: 'Wheel World',
  subdomain: 'wheelworld',
  salesMode: 'b2c',
  countryCode: 'nl',
  currency: 'EUR',
  vatRate: '21',
  ownerEmail: 'Founder@WheelWorld.test',
  ...overrides,
});
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const fieldErrorOf = async (promise: Promise<unknown>, field: string) => {
  const error = await errorOf(promise);
  expect(isAppError(error, 'VALIDATION_FAILED'), String(error)).toBe(true);
  return (error as { details?: { fieldErrors?: Record<string, string> } }).details?.fieldErrors?.[field];
};
const check = async (domain: string) => (await domainCheck(new Request(`http://app/api/domain-check?domain=${encodeURIComponent(domain)}`))).status;
const auditActions = async (tenantId: string) =>
  (await demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.tenantId, tenantId))).map((row) => row.action);

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 200, dedicated: ['bigcorp'] });
  const [row] = await demo.db.select().from(staffUsers).where(eq(staffUsers.email, DEMO_SUPER_ADMIN.email));
  admin = { id: row!.id, email: row!.email, name: row!.name };
  await ensureCacheInvalidationListener();
});
afterAll(async () => {
  setDnsVerifier(null);
  await demo?.cleanup();
});

describe('creating a tenant', () => {
  it('refuses reserved, taken and malformed subdomains', async () => {
    expect(await fieldErrorOf(createTenant(admin, newShop({ subdomain: 'admin' })), 'subdomain')).toMatch(/reserved/);
    expect(await fieldErrorOf(createTenant(admin, newShop({ subdomain: 'www' })), 'subdomain')).toMatch(/reserved/);
    expect(await fieldErrorOf(createTenant(admin, newShop({ subdomain: 'acme' })), 'subdomain')).toMatch(/taken/);
    expect(await fieldErrorOf(createTenant(admin, newShop({ subdomain: 'wheel_world' })), 'subdomain')).toBeTruthy();
    expect(await fieldErrorOf(createTenant(admin, newShop({ subdomain: '-wheel' })), 'subdomain')).toBeTruthy();
    expect(await fieldErrorOf(createTenant(admin, newShop({ ownerEmail: 'not an email' })), 'ownerEmail')).toBeTruthy();
    expect(await fieldErrorOf(createTenant(admin, newShop({ vatRate: '250' })), 'vatRate')).toBeTruthy();
    expect(await demo.db.select().from(tenants).where(eq(tenants.name, 'Wheel World'))).toHaveLength(0);
  });

  it('creates a shop that answers on its subdomain at once, and invites its owner', async () => {
    expect(await getTenantByHost('wheelworld.localhost')).toBeNull(); // a cached "unknown host" must not linger
    const tenant = await createTenant(admin, newShop({ subdomain: 'WheelWorld' }));
    expect(tenant).toMatchObject({ subdomain: 'wheelworld', salesMode: 'b2c', countryCode: 'NL', vatRateBp: 2100, isActive: true, plan: 'standard' });
    expect((await getTenantByHost('wheelworld.localhost:3000'))?.id).toBe(tenant.id);
    expect(await check('wheelworld.localhost')).toBe(200);

    const [mail] = await withTenant(tenant.id, (tx) =>
      tx
        .select()
        .from(sentEmails)
        .where(and(eq(sentEmails.toAddress, 'founder@wheelworld.test'), eq(sentEmails.template, 'staff-invitation'))),
    );
    const token = /wheelworld\.localhost[^"]*\/dashboard\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.html)![1]!;
    await acceptInvitation(tenant.id, token, { name: 'Founder', password: 'founder password 1' });
    const host = 'wheelworld.localhost';
    const staff = await authorizeStaff(
      { email: 'founder@wheelworld.test', password: 'founder password 1' },
      new Request(`http://${host}/api/staff-auth/callback/staff-credentials`, { method: 'POST', headers: { host } }),
    );
    expect(staff).toMatchObject({ tenantId: tenant.id });

    expect(await auditActions(tenant.id)).toEqual(['tenant.created']);
    const [entry] = await demo.db.select().from(platformAuditLog).where(eq(platformAuditLog.tenantId, tenant.id));
    expect(entry).toMatchObject({
      actor: DEMO_SUPER_ADMIN.email,
      details: expect.objectContaining({ subdomain: 'wheelworld', ownerEmail: 'founder@wheelworld.test' }),
    });
  });

  it('lists, searches and filters tenants with the platform counts', async () => {
    const all = await listTenants({});
    expect(all.counts.total).toBe(all.rows.length);
    expect((await listTenants({ q: 'world' })).rows.map((t) => t.subdomain)).toEqual(['wheelworld']);
    expect((await listTenants({ q: 'acmewheels' })).rows.map((t) => t.subdomain)).toEqual(['acme']);
    expect((await listTenants({ status: 'inactive' })).rows.every((t) => !t.isActive)).toBe(true);
    expect((await listTenants({ q: '%' })).rows).toHaveLength(0);
  });
});

describe('editing a tenant', () => {
  it('saves settings and plan, each with an audit line', async () => {
    const id = demo.tenantIds.consumer;
    expect(
      await fieldErrorOf(
        updateTenantSettings(admin, id, {
          name: 'TyreDirect',
          tagline: '',
          salesMode: 'b2c',
          vatRate: '21',
          paymentTimeoutMinutes: '0',
          timeZone: 'Europe/Brussels',
        }),
        'paymentTimeoutMinutes',
      ),
    ).toBeTruthy();
    expect(
      await fieldErrorOf(
        updateTenantSettings(admin, id, {
          name: 'TyreDirect',
          tagline: '',
          salesMode: 'b2c',
          vatRate: '21',
          paymentTimeoutMinutes: '30',
          timeZone: 'Mars/Olympus',
        }),
        'timeZone',
      ),
    ).toBeTruthy();
    const updated = await updateTenantSettings(admin, id, {
      name: 'TyreDirect NL',
      tagline: 'Tyres to your door',
      salesMode: 'b2c',
      vatRate: '9,5',
      paymentTimeoutMinutes: '45',
      timeZone: 'europe/amsterdam',
    });
    expect(updated).toMatchObject({ name: 'TyreDirect NL', vatRateBp: 950, paymentTimeoutMinutes: 45, timeZone: 'Europe/Amsterdam' });
    expect((await getTenantByHost('consumer.localhost'))?.name).toBe('TyreDirect NL');
    expect((await setTenantPlan(admin, id, 'premium')).plan).toBe('premium');
    expect((await setTenantPlan(admin, id, 'premium')).dedicatedDatabase).toBeNull(); // the plan never moves data
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['tenant.settings_changed', 'tenant.plan_changed']));
  });

  it('deactivating takes the storefront offline on the next request, activating brings it back', async () => {
    const id = demo.tenantIds.atraxion;
    expect((await getTenantByHost('atraxion.localhost'))?.id).toBe(id); // now cached
    await setTenantActive(admin, id, false);
    expect(await getTenantByHost('atraxion.localhost')).toBeNull();
    expect(await check('atraxion.localhost')).toBe(404);
    await setTenantActive(admin, id, true);
    expect((await getTenantByHost('atraxion.localhost'))?.id).toBe(id);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['tenant.deactivated', 'tenant.activated']));
  });
});

describe('custom domains', () => {
  it('serves a domain only once its TXT record proves it, and the domain check says so', async () => {
    const id = demo.tenantIds.bigcorp;
    expect(await fieldErrorOf(setCustomDomain(admin, id, 'fleet.localhost'), 'domain')).toMatch(/platform/);
    expect(await fieldErrorOf(setCustomDomain(admin, id, 'https://fleet.example.com/'), 'domain')).toBeTruthy();
    expect(await fieldErrorOf(setCustomDomain(admin, id, 'localhost2'), 'domain')).toBeTruthy();
    expect(await fieldErrorOf(setCustomDomain(admin, id, 'shop.acmewheels.test'), 'domain')).toMatch(/Another shop/);

    const tenant = await setCustomDomain(admin, id, 'Fleet.BigCorp.example.');
    expect(tenant.customDomain).toBe('fleet.bigcorp.example');
    expect(tenant.customDomainVerificationToken).toBeTruthy();
    expect(tenant.customDomainVerifiedAt).toBeNull();
    expect(await getTenantByHost('fleet.bigcorp.example')).toBeNull();
    expect(await check('fleet.bigcorp.example')).toBe(404);

    const asked: string[] = [];
    let records: string[] = ['storefleet-verify=somebody-elses-token', 'v=spf1 -all'];
    setDnsVerifier({ resolveTxt: async (name) => (asked.push(name), records) });
    expect((await checkCustomDomain(admin, id)).verified).toBe(false);
    expect(asked).toEqual(['_storefleet-verify.fleet.bigcorp.example']);
    expect(await getTenantByHost('fleet.bigcorp.example')).toBeNull();

    records = [`storefleet-verify=${tenant.customDomainVerificationToken}`];
    const checked = await checkCustomDomain(admin, id);
    expect(checked.verified).toBe(true);
    expect(checked.tenant.customDomainVerifiedAt).toBeInstanceOf(Date);
    expect((await getTenantByHost('fleet.bigcorp.example'))?.id).toBe(id);
    expect(await check('fleet.bigcorp.example')).toBe(200);
    expect(await check('FLEET.bigcorp.example:443')).toBe(200);

    // The answers the TLS terminator gets for everything else.
    expect(await check('shop.acmewheels.test')).toBe(200); // the seeded, verified domain
    expect(await check('unknown.example')).toBe(404);
    expect(await check('nobody.localhost')).toBe(404);
    expect(await check('closed.localhost')).toBe(404); // an inactive demo tenant
    expect(await check('')).toBe(404);
    expect((await domainCheck(new Request('http://app/api/domain-check'))).status).toBe(404);

    await setTenantActive(admin, id, false);
    expect(await check('fleet.bigcorp.example')).toBe(404);
    await setTenantActive(admin, id, true);

    // A new domain starts over: unverified, not served.
    await setCustomDomain(admin, id, 'fleet2.bigcorp.example');
    expect(await check('fleet2.bigcorp.example')).toBe(404);
    expect(await check('fleet.bigcorp.example')).toBe(404);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['tenant.domain_set', 'tenant.domain_check_failed', 'tenant.domain_verified']));
  });
});

describe('visibility scope', () => {
  it('narrowing limits what the shop may choose and removes its rules outside the scope', async () => {
    const acme = demo.tenantIds.acme;
    const brandId = await idsBySlug(demo.db, brands);
    const acmeBrands = async () =>
      (await demo.db.select().from(tenantVisibleBrands).where(eq(tenantVisibleBrands.tenantId, acme))).map((r) => r.brandId).sort();
    expect(await acmeBrands()).toEqual([brandId('continental'), brandId('michelin')].sort());
    const firstCategory = (await demo.db.select({ id: categories.id }).from(categories).orderBy(categories.id).limit(1))[0]!.id;

    await setVisibilityScope(admin, acme, {
      brandsMode: 'some',
      brands: [String(brandId('michelin')), String(brandId('pirelli'))],
      categoriesMode: 'some',
      categories: [String(firstCategory)],
      vehicleBrandsMode: 'all',
    });
    expect(await acmeBrands()).toEqual([brandId('michelin')]);
    // An axis the shop left open would mean "everything": it becomes the scope itself.
    const cats = await demo.db.select().from(tenantVisibleCategories).where(eq(tenantVisibleCategories.tenantId, acme));
    expect(cats.map((c) => c.categoryId)).toEqual([firstCategory]);
    const scope = await allowedScopeFor(demo.db, acme);
    expect(scope.brands.map((b) => b.id).sort()).toEqual([brandId('michelin'), brandId('pirelli')].sort());
    expect(scope.categories.map((c) => c.id)).toEqual([firstCategory]);
    expect(scope.vehicleBrands.length).toBeGreaterThan(1);
    expect((await allowedScopeFor(demo.db, demo.tenantIds.atraxion)).brands).toHaveLength((await demo.db.select().from(brands)).length);

    expect(isAppError(await errorOf(setVisibilityScope(admin, acme, { brandsMode: 'some', brands: [] })), 'VALIDATION_FAILED')).toBe(true);
    expect(isAppError(await errorOf(setVisibilityScope(admin, acme, { brandsMode: 'some', brands: ['999999'] })), 'VALIDATION_FAILED')).toBe(true);

    await setVisibilityScope(admin, acme, { brandsMode: 'all', categoriesMode: 'all', vehicleBrandsMode: 'all' });
    expect((await demo.db.select({ scope: tenants.visibilityScope }).from(tenants).where(eq(tenants.id, acme)))[0]!.scope).toBeNull();
    expect(await acmeBrands()).toEqual([brandId('michelin')]); // widening never adds to the shop's own choice
    expect((await allowedScopeFor(demo.db, acme)).brands).toHaveLength((await demo.db.select().from(brands)).length);
    expect(await auditActions(acme)).toContain('tenant.visibility_scope_changed');
  });
});

describe('the audit log and cross-tenant views', () => {
  it('lists what operators did, newest first, per tenant', async () => {
    const { rows, total } = await listPlatformAudit({ tenantId: demo.tenantIds.atraxion });
    expect(total).toBe(2);
    expect(rows.map((r) => r.action)).toEqual(['tenant.activated', 'tenant.deactivated']);
    expect(rows[0]).toMatchObject({ actor: DEMO_SUPER_ADMIN.email, tenantName: 'Atraxion' });
    expect((await listPlatformAudit()).total).toBeGreaterThan(total);
  });

  it('lists orders of every tenant from the platform read model', async () => {
    await projectPlatformReadModel();
    const all = await listOrdersAcrossTenants(admin);
    expect(all.freshness.upTo).not.toBeNull();
    const one = await listOrdersAcrossTenants(admin, { tenantId: demo.tenantIds.acme });
    expect(one.orders.every((o) => o.tenantId === demo.tenantIds.acme)).toBe(true);
    expect(all.orders.length).toBeGreaterThanOrEqual(one.orders.length);
  });
});
