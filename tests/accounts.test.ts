import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, sentEmails, tenants, type Tenant } from '@/db/schema';
import { authorizeCustomer, TooManyAttempts } from '@/lib/auth/authorize-customer';
import { createPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { expireTemporaryApproval, findCustomerByEmail } from '@/lib/customers/customer-repository';
import { approveCustomer } from '@/lib/customers/review-customer';
import { isAppError } from '@/lib/errors';
import { effectiveCustomerStatus } from '@/lib/registration/decide-registration';
import { registerCustomer } from '@/lib/registration/register-customer';
import type { VatRegistry } from '@/lib/registration/vat-registry';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

let demo: DemoCatalog;
const shops: Record<'atraxion' | 'acme' | 'consumer', Tenant> = {} as never;
const day = 86_400_000;

const b2bForm = (email: string, extra: Record<string, string> = {}) => ({
  name: 'Sam Peeters',
  email,
  password: 'correct horse battery',
  companyName: 'Garage Peeters',
  vatNumber: 'BE0417497106',
  countryCode: 'BE',
  ...extra,
});
const signInRequest = (host: string) => new Request(`http://${host}/api/auth/callback/credentials`, { method: 'POST', headers: { host } });

beforeAll(async () => {
  demo = await seedDemoForTest();
  for (const name of ['atraxion', 'acme', 'consumer'] as const) {
    const [row] = await demo.db.select().from(tenants).where(eq(tenants.subdomain, name));
    shops[name] = row!;
  }
});
afterAll(async () => demo.cleanup());

describe('registration flows per tenant', () => {
  it('B2B strict: a valid VAT number still waits for manual approval', async () => {
    const { customer } = await registerCustomer(shops.atraxion, b2bForm('strict@example.test'), { registry: null });
    expect(customer).toMatchObject({ status: 'pending_approval', reviewReason: 'manual_approval_required', vatNumber: 'BE0417497106' });
    expect(effectiveCustomerStatus(customer, new Date())).toBe('pending_approval');
  });

  it('B2B with auto-approval: a valid Belgian VAT number is approved for exactly 30 days', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const { customer } = await registerCustomer(shops.acme, b2bForm('auto@example.test'), { registry: null, now });
    expect(customer).toMatchObject({ status: 'active', approvalType: 'auto' });
    expect(customer.approvalExpiresAt?.getTime()).toBe(now.getTime() + 30 * day);
  });

  it('B2B with auto-approval: a country outside the rules waits for review', async () => {
    const { customer } = await registerCustomer(shops.acme, b2bForm('german@example.test', { vatNumber: 'DE136695976', countryCode: 'DE' }), {
      registry: null,
    });
    expect(customer).toMatchObject({ status: 'pending_approval', reviewReason: 'country_not_allowed' });
  });

  it('a VIES outage sends the account to manual review, never to approval or rejection', async () => {
    const down: VatRegistry = { lookup: async () => Promise.reject(new Error('MS_UNAVAILABLE')) };
    const { customer } = await registerCustomer(shops.acme, b2bForm('outage@example.test'), { registry: down });
    expect(customer).toMatchObject({ status: 'pending_approval', vatCheck: 'unavailable', reviewReason: 'vat_registry_unavailable' });
  });

  it('B2C open: active at once without any VAT number', async () => {
    const { customer } = await registerCustomer(
      shops.consumer,
      { name: 'Lou Janssens', email: 'lou@example.test', password: 'correct horse battery', countryCode: 'BE' },
      { registry: null },
    );
    expect(customer).toMatchObject({ status: 'active', approvalType: 'open', vatNumber: null, approvalExpiresAt: null });
  });

  it('refuses a bad VAT checksum with a message on the VAT field and creates nothing', async () => {
    const error = await registerCustomer(shops.atraxion, b2bForm('typo@example.test', { vatNumber: 'BE0417497107' }), { registry: null }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as { details: { fieldErrors: Record<string, string> } }).details.fieldErrors.vatNumber).toMatch(/Belgian/);
    expect(await withTenant(shops.atraxion.id, (tx) => findCustomerByEmail(tx, 'typo@example.test'))).toBeNull();
  });

  it('refuses a second account with the same email at the same shop, whatever its case', async () => {
    const error = await registerCustomer(shops.atraxion, b2bForm('STRICT@example.test'), { registry: null }).catch((e: unknown) => e);
    expect((error as { details: { fieldErrors: Record<string, string> } }).details.fieldErrors.email).toMatch(/already exists/);
  });
});

describe('the same email at two tenants', () => {
  it('makes two separate customers, each only visible in its own shop', async () => {
    const email = 'twice@example.test';
    const atAcme = await registerCustomer(shops.acme, b2bForm(email, { password: 'acme password 1' }), { registry: null });
    const atConsumer = await registerCustomer(shops.consumer, { name: 'Twice', email, password: 'consumer password 2', countryCode: 'NL' }, { registry: null });
    expect(atAcme.customer.id).not.toBe(atConsumer.customer.id);
    const seenByAcme = await withTenant(shops.acme.id, (tx) => tx.select().from(customers).where(eq(customers.email, email)));
    expect(seenByAcme.map((c) => c.id)).toEqual([atAcme.customer.id]);
  });

  it('signs in only on the shop whose account the password belongs to', async () => {
    const email = 'twice@example.test';
    expect(await authorizeCustomer({ email, password: 'acme password 1' }, signInRequest('acme.localhost:3000'))).toMatchObject({ tenantId: shops.acme.id });
    expect(await authorizeCustomer({ email, password: 'acme password 1' }, signInRequest('consumer.localhost:3000'))).toBeNull();
    expect(await authorizeCustomer({ email, password: 'consumer password 2' }, signInRequest('consumer.localhost'))).toMatchObject({
      tenantId: shops.consumer.id,
    });
    // The custom domain is the same shop as the subdomain.
    expect(await authorizeCustomer({ email, password: 'acme password 1' }, signInRequest('shop.acmewheels.test'))).toMatchObject({ tenantId: shops.acme.id });
  });

  it('signs in on no shop for an unknown host', async () => {
    expect(await authorizeCustomer({ email: 'twice@example.test', password: 'acme password 1' }, signInRequest('nope.localhost'))).toBeNull();
  });
});

describe('sign-in rate limit', () => {
  it('refuses further attempts after five wrong passwords for one account', async () => {
    await registerCustomer(
      shops.consumer,
      { name: 'Target', email: 'target@example.test', password: 'the right password', countryCode: 'BE' },
      { registry: null },
    );
    const request = signInRequest('consumer.localhost');
    for (let i = 0; i < 5; i++) expect(await authorizeCustomer({ email: 'target@example.test', password: `wrong ${i}` }, request)).toBeNull();
    await expect(authorizeCustomer({ email: 'target@example.test', password: 'the right password' }, request)).rejects.toBeInstanceOf(TooManyAttempts);
    // Another shop's account with the same address is not affected.
    await expect(authorizeCustomer({ email: 'target@example.test', password: 'x' }, signInRequest('acme.localhost'))).resolves.toBeNull();
  });
});

describe('password reset', () => {
  it('uses a single-use link on the tenant’s registered host', async () => {
    const reset = await createPasswordReset(shops.consumer, 'LOU@example.test');
    expect(reset?.resetUrl).toMatch(/^http:\/\/consumer\.localhost:3000\/account\/reset-password\?token=[\w-]{40,}$/);
    const token = new URL(reset!.resetUrl).searchParams.get('token')!;
    await resetPassword(shops.consumer, token, 'a brand new password');
    expect(await authorizeCustomer({ email: 'lou@example.test', password: 'a brand new password' }, signInRequest('consumer.localhost'))).not.toBeNull();
    await expect(resetPassword(shops.consumer, token, 'another new password')).rejects.toThrow(/invalid, already used or expired/);
  });

  it("cannot use one tenant's token at another tenant", async () => {
    const reset = await createPasswordReset(shops.consumer, 'lou@example.test');
    const token = new URL(reset!.resetUrl).searchParams.get('token')!;
    await expect(resetPassword(shops.acme, token, 'hijacked password!')).rejects.toThrow(/invalid/);
  });

  it('refuses an expired token', async () => {
    const past = new Date(Date.now() - 2 * 60 * 60_000);
    const reset = await createPasswordReset(shops.consumer, 'target@example.test', { now: past });
    const token = new URL(reset!.resetUrl).searchParams.get('token')!;
    await expect(resetPassword(shops.consumer, token, 'too late password')).rejects.toThrow(/expired/);
  });

  it('creates no link for an unknown email', async () => {
    expect(await createPasswordReset(shops.consumer, 'nobody@example.test')).toBeNull();
  });
});

describe('approval lifecycle', () => {
  it('returns an expired auto-approval to pending review', async () => {
    const registeredAt = new Date(Date.now() - 31 * day);
    const { customer } = await registerCustomer(shops.acme, b2bForm('expiring@example.test'), { registry: null, now: registeredAt });
    expect(effectiveCustomerStatus(customer, new Date())).toBe('expired');
    const updated = await withTenant(shops.acme.id, (tx) => expireTemporaryApproval(tx, customer.id, new Date()));
    expect(updated).toMatchObject({ status: 'pending_approval', reviewReason: 'auto_approval_expired' });
  });

  it('a manual approval makes the account active for good and emails the customer from the shop', async () => {
    const pending = await withTenant(shops.atraxion.id, (tx) => findCustomerByEmail(tx, 'strict@example.test'));
    const approved = await approveCustomer(shops.atraxion, pending!.id, 'owner@atraxion.test');
    expect(approved).toMatchObject({ status: 'active', approvalType: 'manual', approvalExpiresAt: null });
    const mails = await withTenant(shops.atraxion.id, (tx) => tx.select().from(sentEmails).where(eq(sentEmails.template, 'account-approved')));
    expect(mails.map((m) => [m.toAddress, m.fromAddress, m.replyTo])).toEqual([
      ['strict@example.test', '"Atraxion" <info@atraxion.storefleet.test>', 'info@atraxion.storefleet.test'],
    ]);
  });

  it("cannot approve another tenant's customer", async () => {
    const atConsumer = await withTenant(shops.consumer.id, (tx) => findCustomerByEmail(tx, 'lou@example.test'));
    await expect(approveCustomer(shops.acme, atConsumer!.id, 'owner@acme.test')).rejects.toThrow(/does not exist in this shop/);
  });
});
