import { CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { log } from '@/lib/log';
import { consumeRateLimit, resetRateLimit } from '@/lib/rate-limit';
import { requestHost } from '@/lib/tenancy/parse-host';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { verifyPassword } from './password';

export class TooManyAttempts extends CredentialsSignin {
  code = 'rate_limited';
}

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

// Per account and per client address: slows guessing one password and spraying many accounts. The
// client address comes from X-Forwarded-For, which only a trusted proxy in front of the app may set.
const ACCOUNT_LIMIT = { hits: 5, windowSeconds: 15 * 60 };
const CLIENT_LIMIT = { hits: 50, windowSeconds: 15 * 60 };

function clientAddress(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

/** Checks an email and password against the customers of the shop on the request's host, and only that shop. */
export async function authorizeCustomer(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const tenant = await getTenantByHost(requestHost(request.headers) ?? '');
  if (!tenant) return null;
  const { email, password } = parsed.data;
  const accountKey = `signin:${tenant.id}:${email}`;
  const [perAccount, perClient] = await Promise.all([
    consumeRateLimit(accountKey, ACCOUNT_LIMIT.hits, ACCOUNT_LIMIT.windowSeconds),
    consumeRateLimit(`signin-ip:${clientAddress(request)}`, CLIENT_LIMIT.hits, CLIENT_LIMIT.windowSeconds),
  ]);
  if (!perAccount.allowed || !perClient.allowed) {
    log.warn({ tenantId: tenant.id, event: 'signin_rate_limited' }, 'sign-in attempts rate limited');
    throw new TooManyAttempts();
  }
  const customer = await withTenant(tenant.id, (tx) => findCustomerByEmail(tx, email));
  if (!(await verifyPassword(customer?.passwordHash, password)) || !customer) return null;
  await resetRateLimit(accountKey);
  return { id: customer.id, email: customer.email, name: customer.name, tenantId: tenant.id };
}

