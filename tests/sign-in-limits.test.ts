import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CUSTOMER, DEMO_SUPER_ADMIN } from '@/db/seed/seed-demo';
import { authorizeAdmin } from '@/lib/auth/authorize-admin';
import { authorizeCustomer, TooManyAttempts } from '@/lib/auth/authorize-customer';
import { authorizeStaff } from '@/lib/auth/authorize-staff';
import { createPasswordReset } from '@/lib/auth/password-reset';
import { CLIENT_LIMIT } from '@/lib/auth/sign-in-limits';
import { PEER_ADDRESS_HEADER, peerAddressStamp } from '@/lib/http/peer-address';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// The request a server action runs in (registration signs the buyer in through Auth.js's own signIn).
const action = vi.hoisted(() => ({ headers: new Headers(), redirectedTo: null as string | null }));
vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () => action.headers,
  cookies: async () => ({ getAll: () => [], get: () => undefined, set: () => {} }),
}));

let demo: DemoCatalog;
beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 20 });
});
afterAll(async () => demo?.cleanup());
afterEach(() => vi.unstubAllEnvs());

/** A sign-in request as it reaches the app: the socket's address stamped by the server, plus what the client sent. */
function signInRequest(host: string, peer: string, sent: Record<string, string> = {}) {
  return new Request(`http://${host}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...sent, host, 'x-forwarded-proto': 'http', [PEER_ADDRESS_HEADER]: peerAddressStamp(peer) },
  });
}
const refused = (attempt: Promise<unknown>) =>
  attempt.then(
    () => false,
    (error) => error instanceof TooManyAttempts,
  );
const wrong = (_host: string, email: string, request: Request) => authorizeCustomer({ email, password: 'not the password' }, request);

describe('the per-client limit counts the client as the platform sees it', () => {
  it('without TRUST_PROXY_HEADERS, a forged X-Forwarded-For does not give a fresh bucket', async () => {
    const peer = '198.51.100.10';
    for (let i = 0; i < CLIENT_LIMIT.hits; i++) {
      expect(
        await wrong('acme.localhost', `sprayed-${i}@example.test`, signInRequest('acme.localhost', peer, { 'x-forwarded-for': `203.0.113.${i}` })),
      ).toBeNull();
    }
    const forged = signInRequest('acme.localhost', peer, { 'x-forwarded-for': '192.0.2.77', 'x-real-ip': '192.0.2.78', [PEER_ADDRESS_HEADER]: '192.0.2.79' });
    expect(await refused(wrong('acme.localhost', 'one-more@example.test', forged))).toBe(true);
    // The buyer's own account, from the same address: refused as well. From another address: fine.
    expect(await refused(authorizeCustomer({ email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }, signInRequest('acme.localhost', peer)))).toBe(
      true,
    );
    expect(
      await authorizeCustomer({ email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }, signInRequest('acme.localhost', '198.51.100.11')),
    ).toMatchObject({ email: DEMO_CUSTOMER.email });
  });

  it('one shop’s wrong attempts never lock the same client out of another shop', async () => {
    const peer = '198.51.100.40';
    for (let i = 0; i < CLIENT_LIMIT.hits; i++) await wrong('atraxion.localhost', `a-${i}@example.test`, signInRequest('atraxion.localhost', peer));
    expect(await refused(wrong('atraxion.localhost', 'garage@atraxion.test', signInRequest('atraxion.localhost', peer)))).toBe(true);
    expect(await authorizeCustomer({ email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }, signInRequest('acme.localhost', peer))).toMatchObject({
      email: DEMO_CUSTOMER.email,
    });
    expect(await authorizeStaff({ email: 'owner@atraxion.test', password: DEMO_CUSTOMER.password }, signInRequest('atraxion.localhost', peer))).toMatchObject({
      email: 'owner@atraxion.test',
    });
  });

  it('with TRUST_PROXY_HEADERS=1, the right-most untrusted hop of X-Forwarded-For is the client', async () => {
    vi.stubEnv('TRUST_PROXY_HEADERS', '1');
    const viaProxy = (forwardedFor: string) => signInRequest('consumer.localhost', '10.0.0.2', { 'x-forwarded-for': forwardedFor });
    for (let i = 0; i < 5; i++)
      expect(await wrong('consumer.localhost', 'victim@example.test', viaProxy(`203.0.113.${i}, 198.51.100.20, 10.0.0.9`))).toBeNull();
    // Whatever the client writes to the left of what the proxies added, it is still 198.51.100.20.
    expect(await refused(wrong('consumer.localhost', 'victim@example.test', viaProxy('192.0.2.1, 198.51.100.20')))).toBe(true);
    // Another client behind the same proxies has a bucket of its own.
    expect(await wrong('consumer.localhost', 'victim@example.test', viaProxy('198.51.100.20, 198.51.100.21'))).toBeNull();
  });
});

describe('guessing a known account’s email does not lock its owner out', () => {
  it('customers: an attacker elsewhere locks only themselves', async () => {
    for (let i = 0; i < 18; i++)
      await wrong('acme.localhost', DEMO_CUSTOMER.email, signInRequest('acme.localhost', `203.0.113.${100 + (i % 3)}`)).catch(() => null);
    expect(await refused(wrong('acme.localhost', DEMO_CUSTOMER.email, signInRequest('acme.localhost', '203.0.113.100')))).toBe(true);
    expect(
      await authorizeCustomer({ email: DEMO_CUSTOMER.email, password: DEMO_CUSTOMER.password }, signInRequest('acme.localhost', '198.51.100.30')),
    ).toMatchObject({ email: DEMO_CUSTOMER.email });
  });

  it('staff and operators alike', async () => {
    for (let i = 0; i < 6; i++)
      await authorizeStaff({ email: 'owner@consumer.test', password: `guess ${i}` }, signInRequest('consumer.localhost', '203.0.113.110')).catch(() => null);
    expect(
      await refused(authorizeStaff({ email: 'owner@consumer.test', password: DEMO_CUSTOMER.password }, signInRequest('consumer.localhost', '203.0.113.110'))),
    ).toBe(true);
    expect(
      await authorizeStaff({ email: 'owner@consumer.test', password: DEMO_CUSTOMER.password }, signInRequest('consumer.localhost', '198.51.100.31')),
    ).toMatchObject({ email: 'owner@consumer.test' });

    for (let i = 0; i < 6; i++)
      await authorizeAdmin({ email: DEMO_SUPER_ADMIN.email, password: `guess ${i}` }, signInRequest('admin.localhost', '203.0.113.111')).catch(() => null);
    expect(
      await refused(authorizeAdmin({ email: DEMO_SUPER_ADMIN.email, password: DEMO_SUPER_ADMIN.password }, signInRequest('admin.localhost', '203.0.113.111'))),
    ).toBe(true);
    expect(
      await authorizeAdmin({ email: DEMO_SUPER_ADMIN.email, password: DEMO_SUPER_ADMIN.password }, signInRequest('admin.localhost', '198.51.100.32')),
    ).toMatchObject({ email: DEMO_SUPER_ADMIN.email });
  });

  it('reset requests: another client asking for links does not stop the owner asking for one', async () => {
    const acme = (await getTenantByHost('acme.localhost'))!;
    for (let i = 0; i < 5; i++) await createPasswordReset(acme, DEMO_CUSTOMER.email, { client: '203.0.113.120' });
    expect(await createPasswordReset(acme, DEMO_CUSTOMER.email, { client: '203.0.113.120' })).toBeNull();
    expect(await createPasswordReset(acme, DEMO_CUSTOMER.email, { client: '198.51.100.33' })).not.toBeNull();
  });
});

describe('registration when the sign-in limit is reached', () => {
  it('creates the account and sends the buyer to sign in, never a 500', async () => {
    const peer = '198.51.100.10'; // its per-client bucket at acme is used up (first test)
    action.headers = new Headers({ host: 'acme.localhost', 'x-forwarded-proto': 'http', [PEER_ADDRESS_HEADER]: peerAddressStamp(peer) });
    const { registerAction } = await import('@/app/shop/[host]/account/actions');
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: 'Late Comer',
      email: 'late.comer@example.test',
      password: 'a long enough password',
      companyName: 'Late BV',
      vatNumber: 'BE0417497106',
      countryCode: 'BE',
    }))
      form.set(k, v);
    const outcome = await registerAction({ status: 'idle' }, form).then(
      (state) => ({ state }),
      (error: { digest?: string }) => ({ redirect: String(error.digest ?? error) }),
    );
    expect(outcome).toEqual({ redirect: expect.stringContaining('/account/sign-in?registered=1') });
    const acme = (await getTenantByHost('acme.localhost'))!;
    const { withTenant } = await import('@/lib/tenancy/with-tenant');
    const { findCustomerByEmail } = await import('@/lib/customers/customer-repository');
    expect(await withTenant(acme.id, (tx) => findCustomerByEmail(tx, 'late.comer@example.test'))).toMatchObject({ name: 'Late Comer' });
  });
});
