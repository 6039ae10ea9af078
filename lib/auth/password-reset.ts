import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { auditLog, customers, passwordResetTokens, type Customer, type Tenant } from '@/db/schema';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { consumeRateLimit } from '@/lib/rate-limit';
import { tenantBaseUrl } from '@/lib/tenancy/tenant-url';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password';

export const RESET_TOKEN_MINUTES = 30;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ResetRequest {
  customer: Customer;
  resetUrl: string;
  tokenId: string;
}

// Per account and client, per client, and per account from anywhere: the last bounds how many mails an
// account can be sent in an hour; whoever asks for them, every link goes to the account's own inbox.
const RESET_LIMITS = { accountAndClient: 3, client: 10, account: 10, windowSeconds: 60 * 60 };

async function resetAllowed(tenantId: string, email: string, client: string | null): Promise<boolean> {
  const keys: [string, number][] = [
    [`reset:${tenantId}:${email}:${client ?? 'unvouched'}`, RESET_LIMITS.accountAndClient],
    [`reset-account:${tenantId}:${email}`, RESET_LIMITS.account],
  ];
  if (client) keys.push([`reset-client:${tenantId}:${client}`, RESET_LIMITS.client]);
  const results = await Promise.all(keys.map(([key, hits]) => consumeRateLimit(key, hits, RESET_LIMITS.windowSeconds)));
  if (results.every((r) => r.allowed)) return true;
  if (results.some((r, i) => r.hits === keys[i]![1] + 1)) log.warn({ tenantId, event: 'reset_rate_limited' }, 'password reset requests rate limited');
  return false;
}

/**
 * Creates a single-use reset link for the account with this email at this tenant. Returns null when
 * there is no such account or too many links were asked for; callers answer the same way either way,
 * so the form does not reveal who has an account. `client` is the asker's address (lib/http/client-address.ts).
 */
export async function createPasswordReset(
  tenant: Tenant,
  email: string,
  { now = new Date(), client = null }: { now?: Date; client?: string | null } = {},
): Promise<ResetRequest | null> {
  const normalized = email.trim().toLowerCase();
  if (!(await resetAllowed(tenant.id, normalized, client))) return null;
  const token = randomBytes(32).toString('base64url');
  const created = await withTenant(tenant.id, async (tx) => {
    const customer = await findCustomerByEmail(tx, normalized);
    if (!customer) return null;
    const [row] = await tx
      .insert(passwordResetTokens)
      .values({
        tenantId: tenant.id,
        customerId: customer.id,
        tokenHash: tokenHash(token),
        expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
      })
      .returning({ id: passwordResetTokens.id });
    return row ? { customer, tokenId: row.id } : null;
  });
  if (!created) return null;
  // Built from the tenant's registered host, never from the request's Host header.
  const resetUrl = `${tenantBaseUrl(tenant)}/account/reset-password?token=${encodeURIComponent(token)}`;
  return { ...created, resetUrl };
}

/**
 * Sets a new password with a valid, unused, unexpired token, spends every open token of the account and
 * ends every session signed in before now (`passwordChangedAt`): whoever knew the old password is out.
 */
export async function resetPassword(tenant: Tenant, token: string, newPassword: string, now = new Date()): Promise<Customer> {
  if (newPassword.length < MIN_PASSWORD_LENGTH || newPassword.length > MAX_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', 'Please choose another password.', {
      details: { fieldErrors: { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` } },
    });
  }
  const passwordHash = await hashPassword(newPassword);
  return withTenant(tenant.id, async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ customerId: passwordResetTokens.customerId });
    if (!spent) {
      throw new AppError('VALIDATION_FAILED', 'This reset link is invalid, already used or expired. Ask for a new one.');
    }
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.customerId, spent.customerId), isNull(passwordResetTokens.usedAt)));
    const [customer] = await tx
      .update(customers)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(customers.id, spent.customerId))
      .returning();
    if (!customer) throw new AppError('NOT_FOUND', 'This account no longer exists.');
    await tx.insert(auditLog).values({ tenantId: tenant.id, actor: customer.email, action: 'customer.password_reset', details: { customerId: customer.id } });
    return customer;
  });
}
