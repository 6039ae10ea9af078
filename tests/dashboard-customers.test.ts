import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, tenants, type Customer, type Tenant } from '@/db/schema';
import { allowedDecisions, approveCustomerAccount, rejectCustomerAccount, revokeCustomerAccount } from '@/lib/customers/customer-decisions';
import { getCustomerDetail } from '@/lib/customers/customer-detail';
import { CUSTOMERS_PAGE_SIZE, listCustomers, parseCustomerListQuery } from '@/lib/customers/customer-list';
import { formatMarginBp, setCustomerMargin } from '@/lib/customers/set-customer-margin';
import { listSentEmails } from '@/lib/email/list-sent-emails';
import { renderEmail } from '@/lib/email/render-email';
import { isAppError } from '@/lib/errors';
import { assertCanPlaceOrders } from '@/lib/registration/decide-registration';
import { registerCustomer } from '@/lib/registration/register-customer';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

const OWNER = 'owner@acme.test';
const DE_VAT = 'DE136695976';
const BE_VAT = 'BE0417497106';

let demo: DemoCatalog;
let acme: Tenant;
let atraxion: Tenant;
let savedResendKey: string | undefined;

const tenantBySubdomain = async (subdomain: string) => (await demo.db.select().from(tenants).where(eq(tenants.subdomain, subdomain)))[0]!;

let seq = 0;
/** A fresh customer at a shop; at acme a German VAT number waits for approval, a Belgian one is auto-approved. */
async function registered(tenant: Tenant, extra: Record<string, string> = {}): Promise<Customer> {
  seq += 1;
  const input = {
    name: `Dana Dashboard ${seq}`,
    email: `dana-${seq}-${Date.now()}@example.test`,
    password: 'correct horse battery',
    companyName: `Dana Reifen ${seq} GmbH`,
    vatNumber: DE_VAT,
    countryCode: 'DE',
    ...extra,
  };
  return (await registerCustomer(tenant, input, { registry: null })).customer;
}

const readCustomer = (tenant: Tenant, id: string) => withTenant(tenant.id, async (tx) => (await tx.select().from(customers).where(eq(customers.id, id)))[0]);
const auditFor = (tenant: Tenant, id: string) =>
  withTenant(tenant.id, (tx) => tx.select().from(auditLog).where(sql`${auditLog.details}->>'customerId' = ${id}`));
const emailsTo = async (tenant: Tenant, address: string) => (await listSentEmails(tenant.id, { limit: 200 })).filter((e) => e.toAddress === address);
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

beforeAll(async () => {
  // Without a provider key, emails are only recorded in sent_emails: exactly what these tests read.
  savedResendKey = process.env.RESEND_API_KEY;
  delete process.env.RESEND_API_KEY;
  demo = await seedDemoForTest({ articleCount: 50 });
  acme = await tenantBySubdomain('acme');
  atraxion = await tenantBySubdomain('atraxion');
});
afterAll(async () => {
  if (savedResendKey !== undefined) process.env.RESEND_API_KEY = savedResendKey;
  await demo?.cleanup();
});

describe('the customer list', () => {
  it('finds customers by name, email, company or VAT number, newest first', async () => {
    const first = await registered(acme, { name: 'Quentin Quirinus', companyName: 'Quokka Wheels' });
    const second = await registered(acme, { name: 'Quentin Other' });
    const q = (text: string) => listCustomers(acme.id, parseCustomerListQuery({ q: text }));
    expect((await q('quentin')).rows.map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await q(first.email.toUpperCase())).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await q('quokka')).rows.map((r) => r.id)).toEqual([first.id]);
    // A VAT number copied with spaces still matches.
    expect((await q('de 136 695 976')).total).toBeGreaterThanOrEqual(2);
    // LIKE wildcards typed by the user are plain characters.
    expect((await q('%')).total).toBe(0);
    const none = await q('no-such-customer-anywhere');
    expect(none).toMatchObject({ total: 0, rows: [], pageCount: 1 });
  });

  it('filters by status, counts each status for the current search, and pages by 25', async () => {
    const pending = await registered(acme, { name: 'Filter Fiona' });
    const auto = await registered(acme, { name: 'Filter Felix', vatNumber: BE_VAT, countryCode: 'BE' });
    expect(auto.status).toBe('active');
    const list = await listCustomers(acme.id, parseCustomerListQuery({ q: 'filter f', status: 'pending_approval' }));
    expect(list.rows.map((r) => r.id)).toEqual([pending.id]);
    expect(list.counts).toEqual({ all: 2, pending_approval: 1, active: 1, rejected: 0 });
    expect(list.total).toBe(1);
    // A status that does not exist, or a page that is not a number, falls back rather than failing.
    expect(parseCustomerListQuery({ status: 'deleted', page: 'x' })).toEqual({ q: '', status: 'all', page: 1 });

    const all = await listCustomers(acme.id, parseCustomerListQuery({}));
    expect(all.rows.length).toBeLessThanOrEqual(CUSTOMERS_PAGE_SIZE);
    expect(all.total).toBe(all.counts.all);
    expect(all.rows.map((r) => r.createdAt.getTime())).toEqual([...all.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
  });

  it('shows one shop only its own customers', async () => {
    const elsewhere = await registered(atraxion, { name: 'Xavier Elsewhere' });
    expect((await listCustomers(acme.id, parseCustomerListQuery({ q: 'xavier' }))).total).toBe(0);
    expect((await listCustomers(atraxion.id, parseCustomerListQuery({ q: 'xavier' }))).rows.map((r) => r.id)).toEqual([elsewhere.id]);
  });
});

describe('decisions on an account', () => {
  it('approves a pending customer for good, audited with the staff email, and emails them', async () => {
    const customer = await registered(acme);
    expect(customer.status).toBe('pending_approval');
    expect(allowedDecisions(customer.status, customer.approvalType)).toEqual(['approve', 'reject']);
    await approveCustomerAccount(acme, customer.id, OWNER);
    expect(await readCustomer(acme, customer.id)).toMatchObject({ status: 'active', approvalType: 'manual', approvalExpiresAt: null });
    expect((await auditFor(acme, customer.id)).map((a) => [a.action, a.actor])).toEqual([['customer.approved', OWNER]]);
    const sent = await emailsTo(acme, customer.email);
    expect(sent.map((e) => e.template)).toContain('account-approved');
    // Approving it again is refused rather than emailing the customer twice.
    expect(isAppError(await errorOf(approveCustomerAccount(acme, customer.id, OWNER)), 'CONFLICT')).toBe(true);
  });

  it('rejects a pending registration with an email, and only once', async () => {
    const customer = await registered(acme);
    await rejectCustomerAccount(acme, customer.id, OWNER);
    expect((await readCustomer(acme, customer.id))?.status).toBe('rejected');
    const rejected = (await emailsTo(acme, customer.email)).filter((e) => e.template === 'account-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.subject).toBe(`Your registration at ${acme.name} was not approved`);
    // Rejecting again is refused: the account is no longer pending.
    expect(isAppError(await errorOf(rejectCustomerAccount(acme, customer.id, OWNER)), 'CONFLICT')).toBe(true);
    expect((await auditFor(acme, customer.id)).map((a) => a.action)).toEqual(['customer.rejected']);
  });

  it('revokes an active account: it can no longer order, and the customer is told', async () => {
    const customer = await registered(acme, { vatNumber: BE_VAT, countryCode: 'BE' });
    expect(customer).toMatchObject({ status: 'active', approvalType: 'auto' });
    expect(allowedDecisions(customer.status, customer.approvalType)).toEqual(['approve', 'revoke']);
    await revokeCustomerAccount(acme, customer.id, OWNER);
    const after = (await readCustomer(acme, customer.id))!;
    expect(after).toMatchObject({ status: 'rejected', reviewReason: 'revoked', approvalExpiresAt: null });
    expect(() => assertCanPlaceOrders(after, new Date())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect((await emailsTo(acme, customer.email)).map((e) => e.template)).toContain('account-revoked');
    expect((await auditFor(acme, customer.id)).map((a) => [a.action, a.actor])).toEqual([['customer.revoked', OWNER]]);
    // A pending account has no approval to revoke.
    const pending = await registered(acme);
    expect(isAppError(await errorOf(revokeCustomerAccount(acme, pending.id, OWNER)), 'CONFLICT')).toBe(true);
  });

  it('sends a new email for each new decision on the same account', async () => {
    const customer = await registered(acme);
    await approveCustomerAccount(acme, customer.id, OWNER, new Date('2026-01-01T10:00:00Z'));
    await revokeCustomerAccount(acme, customer.id, OWNER, new Date('2026-01-02T10:00:00Z'));
    await approveCustomerAccount(acme, customer.id, OWNER, new Date('2026-01-03T10:00:00Z'));
    await revokeCustomerAccount(acme, customer.id, OWNER, new Date('2026-01-04T10:00:00Z'));
    const templates = (await emailsTo(acme, customer.email)).map((e) => e.template).filter((t) => t !== 'registration-received');
    expect(templates.sort()).toEqual(['account-approved', 'account-approved', 'account-revoked', 'account-revoked']);
  });
});

describe('the customer margin', () => {
  it('stores a percentage as basis points, within −50 % … +100 %, audited', async () => {
    const customer = await registered(acme);
    const set = (marginPercent: string) => setCustomerMargin(acme, { customerId: customer.id, marginPercent }, OWNER);
    expect((await set('-7.5')).marginBp).toBe(-750);
    expect((await set('−50 %')).marginBp).toBe(-5000);
    expect((await set('100')).marginBp).toBe(10_000);
    expect((await set('12,25')).marginBp).toBe(1225);
    for (const wrong of ['-50.01', '100.01', '-51', '250', 'ten', '', '1.234']) {
      const error = await errorOf(set(wrong));
      expect(isAppError(error, 'VALIDATION_FAILED'), wrong).toBe(true);
    }
    expect((await readCustomer(acme, customer.id))?.marginBp).toBe(1225);
    const audit = (await auditFor(acme, customer.id)).filter((a) => a.action === 'customer.margin_set');
    expect(audit.map((a) => a.details)).toContainEqual({ customerId: customer.id, fromBp: 0, toBp: -750 });
    expect(audit.every((a) => a.actor === OWNER)).toBe(true);
    expect(formatMarginBp(-750)).toBe('−7.5 %');
    expect(formatMarginBp(1000)).toBe('+10 %');
  });
});

describe("another shop's customer", () => {
  it('cannot be seen or changed from this shop: NOT_FOUND, and nothing changes', async () => {
    const theirs = await registered(atraxion, { name: 'Other Shop Olga' });
    const before = (await readCustomer(atraxion, theirs.id))!;
    const attempts = [
      approveCustomerAccount(acme, theirs.id, OWNER),
      rejectCustomerAccount(acme, theirs.id, OWNER),
      revokeCustomerAccount(acme, theirs.id, OWNER),
      setCustomerMargin(acme, { customerId: theirs.id, marginPercent: '-20' }, OWNER),
      approveCustomerAccount(acme, 'not-a-uuid', OWNER),
    ];
    for (const error of await Promise.all(attempts.map(errorOf))) {
      expect(isAppError(error, 'NOT_FOUND')).toBe(true);
    }
    expect(await getCustomerDetail(acme.id, theirs.id)).toBeNull();
    expect(await readCustomer(atraxion, theirs.id)).toEqual(before);
    expect(await auditFor(atraxion, theirs.id)).toEqual([]);
    expect(await auditFor(acme, theirs.id)).toEqual([]);
    expect((await emailsTo(acme, theirs.email)).length + (await emailsTo(atraxion, theirs.email)).length).toBe(0);
  });
});

describe('the customer detail', () => {
  it('holds the account, its orders and the decisions taken, newest first', async () => {
    const customer = await registered(acme);
    await approveCustomerAccount(acme, customer.id, OWNER, new Date(Date.now() - 1000));
    await setCustomerMargin(acme, { customerId: customer.id, marginPercent: '5' }, OWNER);
    const detail = (await getCustomerDetail(acme.id, customer.id))!;
    expect(detail.customer).toMatchObject({ id: customer.id, marginBp: 500, status: 'active' });
    expect(detail).toMatchObject({ orders: [], orderCount: 0 });
    expect(detail.history.map((h) => h.action)).toEqual(['customer.margin_set', 'customer.approved']);
  });
});

describe('decision emails', () => {
  const brand = {
    shopName: 'ACME Wheels',
    logoUrl: null,
    primaryColor: '#b91c1c',
    accentColor: '#111827',
    shopUrl: 'https://acme.storefleet.test',
    timeZone: 'Europe/Brussels',
  };

  it('render branded, with what the customer can do next', async () => {
    const rejected = await renderEmail('account-rejected', { brand, customerName: 'Sam' });
    expect(rejected.subject).toBe('Your registration at ACME Wheels was not approved');
    expect(rejected.html).toContain('#b91c1c');
    expect(rejected.text).toMatch(/reply to this email/i);
    const revoked = await renderEmail('account-revoked', { brand, customerName: 'Sam' });
    expect(revoked.subject).toBe('Your account at ACME Wheels can no longer place orders');
    expect(revoked.text).toMatch(/cannot place new orders/);
  });
});
