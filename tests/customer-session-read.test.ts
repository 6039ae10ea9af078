import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { customers, tenants, type Tenant } from '@/db/schema';
import { DEMO_CUSTOMER } from '@/db/seed/seed-demo';
import { signInThrough } from './support/auth-session';
import { seedDemoForTest, type DemoCatalog } from './support/demo-catalog';

// A page's request: its host, protocol and cookies, read through next/headers as in the app.
const request = vi.hoisted(() => ({ host: 'acme.localhost', proto: 'http', cookie: '' }));
vi.mock('server-only', () => ({}));
vi.mock('next/headers', async () => {
  const { cookieStore } = await import('./support/auth-session');
  return {
    headers: async () => new Headers({ host: request.host, cookie: request.cookie, 'x-forwarded-proto': request.proto }),
    cookies: async () => cookieStore(request.cookie),
  };
});
// The real Auth.js instance, with `auth()` watched: a page read must not go through it.
vi.mock('@/lib/auth/auth', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/auth/auth')>();
  return { ...real, auth: vi.fn(real.auth) };
});

const PLAIN = 'authjs.session-token';
const SECURE = '__Secure-authjs.session-token';

let demo: DemoCatalog;
let acme: Tenant;
let consumer: Tenant;
let acmeCustomerId: string;
beforeAll(async () => {
  demo = await seedDemoForTest({ articleCount: 5 });
  const shops = await demo.db.select().from(tenants);
  acme = shops.find((t) => t.subdomain === 'acme')!;
  consumer = shops.find((t) => t.subdomain === 'consumer')!;
  acmeCustomerId = (await demo.db.select().from(customers).where(eq(customers.email, DEMO_CUSTOMER.email)))[0]!.id;
});
afterAll(async () => demo?.cleanup());
beforeEach(() => Object.assign(request, { host: 'acme.localhost', proto: 'http', cookie: '' }));

async function signIn(host: string, email: string, password: string) {
  const { handlers } = await import('@/lib/auth/auth');
  return signInThrough({ handlers, host, basePath: '/api/auth', providerId: 'credentials', email, password });
}

/** A token as Auth.js encodes one, with its secret (or another) and the cookie's name as salt. */
async function mint(claims: Record<string, unknown>, options: { salt?: string; secret?: string; maxAge?: number } = {}) {
  const { encode } = await import('next-auth/jwt');
  const { authConfig } = await import('@/lib/auth/auth');
  const salt = options.salt ?? PLAIN;
  return encode({ token: { signedInAt: Date.now(), ...claims }, secret: options.secret ?? authConfig.secret!, salt, maxAge: options.maxAge });
}

async function customerOn(shop: Tenant, cookie: string, proto = 'http') {
  Object.assign(request, { host: `${shop.subdomain}.localhost`, proto, cookie });
  const { getCurrentCustomer } = await import('@/lib/auth/current-customer');
  return getCurrentCustomer(shop.id);
}

/** What `auth()` itself makes of the same request, for comparison. */
async function authPipelineClaims(cookie: string, proto = 'http') {
  Object.assign(request, { proto, cookie });
  const { auth } = await import('@/lib/auth/auth');
  const session = await (auth as unknown as () => Promise<Record<string, unknown> | null>)();
  return session ? { customerId: session.customerId, tenantId: session.tenantId, signedInAt: session.signedInAt } : null;
}

async function readClaims(cookie: string, proto = 'http') {
  const { readCustomerSession } = await import('@/lib/auth/read-customer-session');
  return readCustomerSession(new Headers({ host: request.host, cookie, 'x-forwarded-proto': proto }));
}

describe('a page reads the customer session without the Auth.js pipeline', () => {
  it('finds the signed-in customer without calling auth(), and reads what auth() reads', async () => {
    const { auth } = await import('@/lib/auth/auth');
    const cookie = (await signIn('acme.localhost', DEMO_CUSTOMER.email, DEMO_CUSTOMER.password))!;
    vi.mocked(auth).mockClear();
    expect(await customerOn(acme, cookie)).toMatchObject({ email: DEMO_CUSTOMER.email });
    expect(auth).not.toHaveBeenCalled();

    const claims = await readClaims(cookie);
    expect(claims).toMatchObject({ customerId: acmeCustomerId, tenantId: acme.id, signedInAt: expect.any(Number) });
    expect(claims).toEqual(await authPipelineClaims(cookie));
  });

  it('reads a session split into numbered chunks, and the __Secure- cookie on https only, as Auth.js does', async () => {
    const plain = await mint({ customerId: acmeCustomerId, tenantId: acme.id });
    const half = Math.floor(plain.length / 2);
    // In the wrong order on purpose: Auth.js sorts the chunks by their number.
    const chunked = `${PLAIN}.1=${plain.slice(half)}; ${PLAIN}.0=${plain.slice(0, half)}`;
    expect(await customerOn(acme, chunked)).toMatchObject({ email: DEMO_CUSTOMER.email });
    expect(await readClaims(chunked)).toEqual(await authPipelineClaims(chunked));

    const secure = await mint({ customerId: acmeCustomerId, tenantId: acme.id }, { salt: SECURE });
    expect(await customerOn(acme, `${SECURE}=${secure}`, 'https')).toMatchObject({ email: DEMO_CUSTOMER.email });
    // The salt is the cookie's name, and https reads only the __Secure- cookie.
    for (const [cookie, proto] of [
      [`${PLAIN}=${secure}`, 'http'],
      [`${SECURE}=${plain}`, 'https'],
      [`${PLAIN}=${plain}`, 'https'],
    ] as const) {
      expect(await customerOn(acme, cookie, proto)).toBeNull();
      expect(await authPipelineClaims(cookie, proto)).toBeNull();
    }
  });

  it('refuses a tampered, forged or expired cookie', async () => {
    const good = await mint({ customerId: acmeCustomerId, tenantId: acme.id });
    const parts = good.split('.');
    const ciphertext = parts[3]!;
    const flipped = `${ciphertext[0] === 'A' ? 'B' : 'A'}${ciphertext.slice(1)}`;
    const tampered = [...parts.slice(0, 3), flipped, parts[4]].join('.');
    const forged = await mint({ customerId: acmeCustomerId, tenantId: acme.id }, { secret: 'a secret somebody guessed, not the shop’s' });
    // Past Auth.js's 15 seconds of clock tolerance.
    const expired = await mint({ customerId: acmeCustomerId, tenantId: acme.id }, { maxAge: -60 });
    for (const token of [tampered, forged, expired, 'not-a-token', `${good}x`]) {
      expect(await customerOn(acme, `${PLAIN}=${token}`)).toBeNull();
      expect(await readClaims(`${PLAIN}=${token}`)).toBeNull();
    }
    expect(await customerOn(acme, `${PLAIN}=${good}`)).not.toBeNull();
  });

  it("refuses another shop's customer, whether the session names that shop or this one", async () => {
    const { hashPassword } = await import('@/lib/auth/password');
    const [other] = await demo.db
      .insert(customers)
      .values({
        tenantId: consumer.id,
        email: 'someone@consumer.test',
        name: 'Someone',
        passwordHash: await hashPassword(DEMO_CUSTOMER.password),
        status: 'active',
      })
      .returning({ id: customers.id });
    const theirs = (await signIn('consumer.localhost', 'someone@consumer.test', DEMO_CUSTOMER.password))!;
    expect(await customerOn(consumer, theirs)).toMatchObject({ id: other!.id });
    expect(await customerOn(acme, theirs)).toBeNull();

    // Tokens with the real secret that no sign-in would issue: a customer of ACME said to be TyreDirect's,
    // and TyreDirect's customer said to be ACME's (not found under ACME's tenant context).
    expect(await customerOn(acme, `${PLAIN}=${await mint({ customerId: acmeCustomerId, tenantId: consumer.id })}`)).toBeNull();
    expect(await customerOn(acme, `${PLAIN}=${await mint({ customerId: other!.id, tenantId: acme.id })}`)).toBeNull();
    expect(await customerOn(acme, `${PLAIN}=${await mint({ customerId: 42, tenantId: acme.id })}`)).toBeNull();
  });

  it('refuses a session without a sign-in moment once the password has changed', async () => {
    await demo.db
      .update(customers)
      .set({ passwordChangedAt: new Date(Date.now() - 60_000) })
      .where(eq(customers.id, acmeCustomerId));
    try {
      const { encode } = await import('next-auth/jwt');
      const { authConfig } = await import('@/lib/auth/auth');
      const undated = await encode({ token: { customerId: acmeCustomerId, tenantId: acme.id }, secret: authConfig.secret!, salt: PLAIN });
      expect(await customerOn(acme, `${PLAIN}=${undated}`)).toBeNull();
      expect(await customerOn(acme, `${PLAIN}=${await mint({ customerId: acmeCustomerId, tenantId: acme.id, signedInAt: Date.now() - 120_000 })}`)).toBeNull();
      expect(await customerOn(acme, `${PLAIN}=${await mint({ customerId: acmeCustomerId, tenantId: acme.id })}`)).not.toBeNull();
    } finally {
      await demo.db.update(customers).set({ passwordChangedAt: null }).where(eq(customers.id, acmeCustomerId));
    }
  });
});
