import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { log } from '@/lib/log';
import { consumeRateLimit } from '@/lib/rate-limit';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { verifyPassword } from './password';

export class TooManyAttempts extends CredentialsSignin {
  code = 'rate_limited';
}

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

// Per account and per client address: slows guessing one password and spraying many accounts.
const ACCOUNT_LIMIT = { hits: 5, windowSeconds: 15 * 60 };
const CLIENT_LIMIT = { hits: 50, windowSeconds: 15 * 60 };

function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

/** Checks an email and password against the customers of the shop on the request's host, and only that shop. */
export async function authorizeCustomer(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const tenant = await getTenantByHost(request.headers.get('host') ?? '');
  if (!tenant) return null;
  const { email, password } = parsed.data;
  const [perAccount, perClient] = await Promise.all([
    consumeRateLimit(`signin:${tenant.id}:${email}`, ACCOUNT_LIMIT.hits, ACCOUNT_LIMIT.windowSeconds),
    consumeRateLimit(`signin-ip:${clientAddress(request)}`, CLIENT_LIMIT.hits, CLIENT_LIMIT.windowSeconds),
  ]);
  if (!perAccount.allowed || !perClient.allowed) {
    log.warn({ tenantId: tenant.id, event: 'signin_rate_limited' }, 'sign-in attempts rate limited');
    throw new TooManyAttempts();
  }
  const customer = await withTenant(tenant.id, (tx) => findCustomerByEmail(tx, email));
  if (!(await verifyPassword(customer?.passwordHash, password)) || !customer) return null;
  return { id: customer.id, email: customer.email, name: customer.name, tenantId: tenant.id };
}

function authSecret(): string | undefined {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  // Development and tests only: production refuses to start signing sessions without a real secret.
  if (process.env.NODE_ENV !== 'production') return 'storefleet-development-secret-not-for-production';
  return undefined;
}

export const authConfig = {
  secret: authSecret(),
  // Every tenant host (subdomain or custom domain) is a legitimate origin; cookies stay host-only.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/account/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      authorize: authorizeCustomer,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.customerId = user.id;
        token.tenantId = (user as { tenantId?: string }).tenantId;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        customerId: typeof token.customerId === 'string' ? token.customerId : undefined,
        tenantId: typeof token.tenantId === 'string' ? token.tenantId : undefined,
      };
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
