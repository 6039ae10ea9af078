import 'server-only';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { customers, type Customer, type NewCustomer } from '@/db/schema';
import { cartUnitsSql } from '@/lib/cart/count-cart-items';
import { AppError } from '@/lib/errors';

// All functions take a transaction from withTenant(): row-level security scopes them to one tenant.

export async function findCustomerByEmail(tx: Transaction, email: string): Promise<Customer | null> {
  const [row] = await tx.select().from(customers).where(sql`lower(${customers.email}) = ${email.trim().toLowerCase()}`).limit(1);
  return row ?? null;
}

export async function findCustomerById(tx: Transaction, id: string): Promise<Customer | null> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id)).limit(1);
  return row ?? null;
}

/** The customer and the units in their cart (the header's count), in one statement. */
export async function findCustomerWithCartUnits(tx: Transaction, id: string): Promise<{ customer: Customer; cartUnits: number } | null> {
  const [row] = await tx
    .select({ customer: customers, cartUnits: cartUnitsSql(sql`${customers.id}`) })
    .from(customers)
    .where(eq(customers.id, id))
    .limit(1);
  return row ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown })?.cause].map((e) => (e as { code?: string })?.code);
  return codes.includes('23505');
}

export async function insertCustomer(tx: Transaction, values: NewCustomer): Promise<Customer> {
  try {
    // A savepoint, so a duplicate does not abort the caller's transaction.
    const [row] = await tx.transaction((sp) => sp.insert(customers).values(values).returning());
    if (!row) throw new Error('insert returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'An account with this email address already exists. Sign in or reset your password.', {
        details: { field: 'email' },
      });
    }
    throw error;
  }
}

/**
 * A temporary auto-approval that has run out puts the account back into review. Guarded, so running it
 * twice, or after a person approved the account again, changes nothing.
 */
export async function expireTemporaryApproval(tx: Transaction, id: string, now: Date): Promise<Customer | null> {
  const [row] = await tx
    .update(customers)
    .set({ status: 'pending_approval', reviewReason: 'auto_approval_expired', updatedAt: now })
    .where(and(eq(customers.id, id), eq(customers.status, 'active'), lte(customers.approvalExpiresAt, now)))
    .returning();
  return row ?? null;
}
