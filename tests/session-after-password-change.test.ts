import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, tenants, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { signInThrough } from './support/auth-session';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// The request a page or action runs in: its host and the cookies the browser sent, read by Auth.js
// (through next/headers) exactly as in the app, where Next.js always sets X-Forwarded-Proto.
const request = vi.hoisted(() => ({ host: 'acme.localhost', cookie: '' }));
vi.mock('server-only', () => ({}));
vi.mock('next/headers', async () => {
  const { cookieStore } = await import('./support/auth-session');
  return {
    headers: async () => new Headers({ host: request.host, cookie: request.cookie, 'x-forwarded-proto': 'http' }),
    cookies: async () => cookieStore(request.cookie),
  };
});

let demo: DemoCatalog;
let acme: Tenant;
beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 20 });
  acme = (await demo.db.select().from(tenants).where(eq(tenants.subdomain, 'acme')))[0]!;
});
afterAll(async () => demo?.cleanup());
beforeEach(() => Object.assign(request, { host: 'acme.localhost', cookie: '' }));

async function customerSignIn(email: string, password: string) {
  const { handlers } = await import('@/lib/auth/auth');
  return signInThrough({ handlers, host: 'acme.localhost', basePath: '/api/auth', providerId: 'credentials', email, password });
}
async function staffSignIn(email: string, password: string) {
  const { staffHandlers } = await import('@/lib/auth/staff-auth');
  return signInThrough({ handlers: staffHandlers, host: 'acme.localhost', basePath: '/api/staff-auth', providerId: 'staff-credentials', email, password });
}
async function currentCustomerWith(cookie: string) {
  request.cookie = cookie;
  const { getCurrentCustomer } = await import('@/lib/auth/current-customer');
  return getCurrentCustomer(acme.id);
}
async function currentStaffWith(cookie: string) {
  request.cookie = cookie;
  const { getCurrentStaff } = await import('@/lib/auth/current-staff');
  return getCurrentStaff(acme.id);
}
const audited = async (action: string) => (await demo.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

describe('a customer password reset ends every earlier session', () => {
  it('the session signed in before the reset is refused on the next request; a new sign-in works', async () => {
    const { createPasswordReset, resetPassword } = await import('@/lib/auth/password-reset');
    const phone = await customerSignIn(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password);
    const laptop = await customerSignIn(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password);
    expect(phone && laptop).toBeTruthy();
    expect(await currentCustomerWith(phone!)).toMatchObject({ email: DEMO_CUSTOMER.email });

    const reset = await createPasswordReset(acme, DEMO_CUSTOMER.email);
    await resetPassword(acme, new URL(reset!.resetUrl).searchParams.get('token')!, 'the password after the reset');

    expect(await currentCustomerWith(phone!)).toBeNull();
    expect(await currentCustomerWith(laptop!)).toBeNull();
    expect(await customerSignIn(DEMO_CUSTOMER.email, DEMO_CUSTOMER.password)).toBeNull();
    const fresh = await customerSignIn(DEMO_CUSTOMER.email, 'the password after the reset');
    expect(await currentCustomerWith(fresh!)).toMatchObject({ email: DEMO_CUSTOMER.email });
    expect(await audited('customer.password_reset')).toBe(1);
  });

  it('a change in the account area does the same, after checking the current password', async () => {
    const { changeCustomerPassword } = await import('@/lib/customers/change-password');
    const before = await customerSignIn(DEMO_CUSTOMER.email, 'the password after the reset');
    const customer = (await currentCustomerWith(before!))!;
    await expect(
      changeCustomerPassword(acme.id, customer, { currentPassword: 'not it', newPassword: 'a changed password', confirmPassword: 'a changed password' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { fieldErrors: { currentPassword: expect.any(String) } } });
    await expect(
      changeCustomerPassword(acme.id, customer, { currentPassword: 'the password after the reset', newPassword: 'short', confirmPassword: 'short' }),
    ).rejects.toMatchObject({ details: { fieldErrors: { newPassword: expect.stringMatching(/at least 10/) } } });
    expect(await currentCustomerWith(before!)).not.toBeNull();

    await changeCustomerPassword(acme.id, customer, {
      currentPassword: 'the password after the reset',
      newPassword: 'a changed password',
      confirmPassword: 'a changed password',
    });
    expect(await currentCustomerWith(before!)).toBeNull();
    expect(await currentCustomerWith((await customerSignIn(DEMO_CUSTOMER.email, 'a changed password'))!)).not.toBeNull();
    expect(await audited('customer.password_changed')).toBe(1);
  });
});

describe('a staff password change ends every earlier dashboard session', () => {
  it('needs the current password, is rate limited, audited, and refuses the old session on the next request', async () => {
    const { changeStaffPassword } = await import('@/lib/staff/change-staff-password');
    const office = await staffSignIn('owner@acme.test', DEMO_CUSTOMER.password);
    const home = await staffSignIn('owner@acme.test', DEMO_CUSTOMER.password);
    const owner = (await currentStaffWith(office!))!;
    expect(owner).toMatchObject({ email: 'owner@acme.test', role: 'owner' });

    await expect(
      changeStaffPassword(owner, { currentPassword: 'guess', newPassword: 'the owner’s new password', confirmPassword: 'the owner’s new password' }),
    ).rejects.toMatchObject({ details: { fieldErrors: { currentPassword: 'That is not your current password.' } } });
    await expect(
      changeStaffPassword(owner, { currentPassword: DEMO_CUSTOMER.password, newPassword: 'the owner’s new password', confirmPassword: 'something else' }),
    ).rejects.toMatchObject({ details: { fieldErrors: { confirmPassword: expect.any(String) } } });
    expect(await currentStaffWith(home!)).not.toBeNull();

    await changeStaffPassword(owner, {
      currentPassword: DEMO_CUSTOMER.password,
      newPassword: 'the owner’s new password',
      confirmPassword: 'the owner’s new password',
    });
    expect(await currentStaffWith(office!)).toBeNull();
    expect(await currentStaffWith(home!)).toBeNull();
    expect(await staffSignIn('owner@acme.test', DEMO_CUSTOMER.password)).toBeNull();
    const fresh = await staffSignIn('owner@acme.test', 'the owner’s new password');
    expect(await currentStaffWith(fresh!)).toMatchObject({ email: 'owner@acme.test' });
    const [entry] = await demo.db.select().from(auditLog).where(eq(auditLog.action, 'staff.password_changed'));
    expect(entry).toMatchObject({ tenantId: acme.id, actor: 'owner@acme.test' });
    expect(JSON.stringify(entry)).not.toMatch(/new password/);
  });

  it('stops guessing the current password after five tries', async () => {
    const { changeStaffPassword } = await import('@/lib/staff/change-staff-password');
    const owner = (await currentStaffWith((await staffSignIn('owner@acme.test', 'the owner’s new password'))!))!;
    for (let i = 0; i < 5; i++) await changeStaffPassword(owner, { currentPassword: `guess ${i}` }).catch(() => null);
    await expect(
      changeStaffPassword(owner, { currentPassword: 'the owner’s new password', newPassword: 'yet another password', confirmPassword: 'yet another password' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
