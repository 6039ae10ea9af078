import 'server-only';
import { z } from 'zod';
import { findCustomerByEmail } from '@/lib/customers/customer-repository';
import { requestHost } from '@/lib/tenancy/parse-host';
import { getTenantByHost } from '@/lib/tenancy/tenant-directory';
import { withTenant } from '@/lib/tenancy/with-tenant';
import { verifyPassword } from './password';
import { admitSignIn, forgetSignInFailures } from './sign-in-limits';

export { TooManyAttempts } from './sign-in-limits';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** Checks an email and password against the customers of the shop on the request's host, and only that shop. */
export async function authorizeCustomer(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const tenant = await getTenantByHost(requestHost(request.headers) ?? '');
  if (!tenant) return null;
  const { email, password } = parsed.data;
  const accountKey = await admitSignIn({ kind: 'customer', realm: tenant.id, email, request });
  const customer = await withTenant(tenant.id, (tx) => findCustomerByEmail(tx, email));
  if (!(await verifyPassword(customer?.passwordHash, password)) || !customer) return null;
  await forgetSignInFailures(accountKey);
  return { id: customer.id, email: customer.email, name: customer.name, tenantId: tenant.id };
}
