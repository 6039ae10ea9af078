import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { staffUsers } from '@/db/schema';
import { authorizeAdmin, resolveAdminAccess } from '@/lib/auth/authorize-admin';
import { DEMO_SUPER_ADMIN } from '@/db/seed/seed-demo';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// The sessions and host of the "request" an action runs in: what Auth.js and next/headers would give it.
const request = vi.hoisted(() => ({
  host: 'admin.localhost:3000',
  admin: null as null | { adminId?: string },
  staff: null as null | { staffUserId?: string; tenantId?: string },
  customer: null as null | { customerId?: string; tenantId?: string },
}));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: request.host }), cookies: async () => ({ getAll: () => [] }) }));
vi.mock('@/lib/auth/admin-auth', () => ({ adminAuth: async () => request.admin, adminSignIn: vi.fn(), adminSignOut: vi.fn() }));
vi.mock('@/lib/auth/staff-auth', () => ({ staffAuth: async () => request.staff }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => request.customer, TooManyAttempts: class extends Error {} }));

let demo: DemoCatalog;
let adminId: string;
let acmeOwnerId: string;

beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 50 });
  adminId = (await demo.db.select().from(staffUsers).where(eq(staffUsers.email, DEMO_SUPER_ADMIN.email)))[0]!.id;
  acmeOwnerId = (await demo.db.select().from(staffUsers).where(eq(staffUsers.email, 'owner@acme.test')))[0]!.id;
});
afterAll(async () => demo?.cleanup());
beforeEach(() => Object.assign(request, { host: 'admin.localhost:3000', admin: null, staff: null, customer: null }));

const signIn = (host: string, email: string, password: string) =>
  authorizeAdmin({ email, password }, new Request(`http://${host}/api/admin-auth/callback/admin-credentials`, { method: 'POST', headers: { host } }));

describe('super-admin sign-in', () => {
  it('signs in the seeded super admin on the admin host only', async () => {
    expect(await signIn('admin.localhost:3000', DEMO_SUPER_ADMIN.email, DEMO_SUPER_ADMIN.password)).toMatchObject({
      id: adminId,
      email: DEMO_SUPER_ADMIN.email,
    });
    expect(await signIn('acme.localhost:3000', DEMO_SUPER_ADMIN.email, DEMO_SUPER_ADMIN.password)).toBeNull();
    expect(await signIn('localhost:3000', DEMO_SUPER_ADMIN.email, DEMO_SUPER_ADMIN.password)).toBeNull();
    expect(await signIn('shop.acmewheels.test', DEMO_SUPER_ADMIN.email, DEMO_SUPER_ADMIN.password)).toBeNull();
  });

  it('refuses a shop owner with the right password, and a wrong password', async () => {
    expect(await signIn('admin.localhost', 'owner@acme.test', 'storefleet-demo')).toBeNull();
    expect(await signIn('admin.localhost', DEMO_SUPER_ADMIN.email, 'storefleet-admin-2025')).toBeNull();
  });

  it('an admin session counts only on the admin host and only while the account is a super admin', async () => {
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId }, others: [] })).toMatchObject({ kind: 'admin' });
    expect(await resolveAdminAccess({ host: 'acme.localhost', admin: { adminId }, others: [] })).toMatchObject({ kind: 'someone-else' });
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: { adminId: acmeOwnerId }, others: [] })).toMatchObject({ kind: 'someone-else' });
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: null, others: [{ staffUserId: acmeOwnerId }] })).toMatchObject({ kind: 'someone-else' });
    expect(await resolveAdminAccess({ host: 'admin.localhost', admin: null, others: [null, null] })).toMatchObject({ kind: 'anonymous' });
  });
});

describe('console actions refuse everybody but the super admin', () => {
  async function everyAction() {
    const actions = await import('@/app/admin/(signed-in)/tenants/actions');
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.set(k, v);
      return data;
    };
    const catalog = await import('@/app/admin/(signed-in)/catalog/actions');
    const account = await import('@/app/admin/(signed-in)/account/actions');
    const fileForm = (text: string) => {
      const data = new FormData();
      data.set('file', new File([text], 'catalog.csv', { type: 'text/csv' }));
      return data;
    };
    const tenantId = demo.tenantIds.acme;
    const idle = { status: 'idle' as const };
    return Promise.all([
      actions.createTenantAction(
        idle,
        form({ name: 'Sneaky', subdomain: 'sneaky', salesMode: 'b2b', countryCode: 'BE', currency: 'EUR', vatRate: '21', ownerEmail: 'x@example.test' }),
      ),
      actions.updateTenantSettingsAction(idle, form({ tenantId, name: 'Hacked', tagline: '', salesMode: 'b2b', vatRate: '21', paymentTimeoutMinutes: '30' })),
      actions.setTenantActiveAction(idle, form({ tenantId, active: 'false' })),
      actions.setTenantPlanAction(idle, form({ tenantId, plan: 'premium' })),
      actions.setCustomDomainAction(idle, form({ tenantId, domain: 'evil.example.com' })),
      actions.checkCustomDomainAction(idle, form({ tenantId })),
      actions.setVisibilityScopeAction(idle, form({ tenantId, brandsMode: 'all' })),
      catalog.saveArticleAction(
        idle,
        form({
          articleId: '1',
          sku: 'HACK-1',
          name: 'Hacked',
          brand: 'michelin',
          category: 'summer-tyres',
          width: '205',
          aspectRatio: '55',
          rimDiameter: '16',
          stock: '1',
          basePrice: '0.01',
        }),
      ),
      catalog.importCatalogAction(idle, fileForm('sku,base_price\nHACK-1,0.01\n')),
      catalog.applyBulkPriceAction(idle, form({ mode: 'percent', change: '-90', expectedCount: '1' })),
      catalog.createTaxonomyAction(idle, form({ axis: 'brands', name: 'Hacked brand' })),
      catalog.renameTaxonomyAction(idle, form({ axis: 'brands', id: '1', name: 'Hacked brand' })),
      catalog.deleteTaxonomyAction(idle, form({ axis: 'vehicleBrands', id: '1' })),
      account.changeAdminPasswordAction(
        idle,
        form({ currentPassword: DEMO_SUPER_ADMIN.password, newPassword: 'hacked hacked hacked', confirmPassword: 'hacked hacked hacked' }),
      ),
    ]);
  }

  it('anonymous: UNAUTHENTICATED; a shop owner or a customer: FORBIDDEN; nothing changes', async () => {
    const { toErrorBody, AppError } = await import('@/lib/errors');
    const message = (code: 'UNAUTHENTICATED' | 'FORBIDDEN') =>
      toErrorBody(new AppError(code, code === 'FORBIDDEN' ? 'This is the platform console.' : 'Please sign in to the console.')).body.message;
    for (const state of await everyAction()) expect(state).toMatchObject({ status: 'error', message: message('UNAUTHENTICATED') });

    request.staff = { staffUserId: acmeOwnerId, tenantId: demo.tenantIds.acme };
    for (const state of await everyAction()) expect(state).toMatchObject({ status: 'error', message: message('FORBIDDEN') });

    request.staff = null;
    request.customer = { customerId: '00000000-0000-4000-8000-000000000001', tenantId: demo.tenantIds.acme };
    for (const state of await everyAction()) expect(state).toMatchObject({ status: 'error', message: message('FORBIDDEN') });

    // A shop owner's id in an admin session (a forged or stale token) is not a super admin.
    request.customer = null;
    request.admin = { adminId: acmeOwnerId };
    for (const state of await everyAction()) expect(state).toMatchObject({ status: 'error', message: message('FORBIDDEN') });

    const { requireAdmin } = await import('@/lib/auth/current-admin');
    request.admin = null;
    await expect(requireAdmin()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    request.staff = { staffUserId: acmeOwnerId };
    await expect(requireAdmin()).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { tenants } = await import('@/db/schema');
    const [acme] = await demo.db.select().from(tenants).where(eq(tenants.id, demo.tenantIds.acme));
    expect(acme).toMatchObject({ name: 'ACME Wheels', isActive: true, plan: 'standard', customDomain: 'shop.acmewheels.test' });
    expect(await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'sneaky'))).toHaveLength(0);
    const { articles, brands, vehicleBrands, platformAuditLog } = await import('@/db/schema');
    expect(await demo.db.select().from(articles).where(eq(articles.sku, 'HACK-1'))).toHaveLength(0);
    expect(await demo.db.select().from(brands).where(eq(brands.name, 'Hacked brand'))).toHaveLength(0);
    expect(await demo.db.select().from(vehicleBrands).where(eq(vehicleBrands.id, 1))).toHaveLength(1);
    expect(await demo.db.select().from(articles).where(eq(articles.basePriceCents, 1))).toHaveLength(0);
    expect(await demo.db.select().from(platformAuditLog)).toHaveLength(0);
    expect(await signIn('admin.localhost:3000', DEMO_SUPER_ADMIN.email, DEMO_SUPER_ADMIN.password)).toMatchObject({ id: adminId });
  });

  it('the super admin on the admin host gets through', async () => {
    request.admin = { adminId };
    const { requireAdmin } = await import('@/lib/auth/current-admin');
    await expect(requireAdmin()).resolves.toMatchObject({ id: adminId, email: DEMO_SUPER_ADMIN.email });
    request.host = 'acme.localhost:3000';
    await expect(requireAdmin()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
