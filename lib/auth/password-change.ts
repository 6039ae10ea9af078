import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { consumeRateLimit, resetRateLimit } from '@/lib/rate-limit';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './password';

/** Shop staff and customers: the same rule as registration and invitations. Operators have their own. */
export const accountPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export interface PasswordChangeInput {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export interface PasswordChange {
  /** One bucket per account: a walked-away session cannot be used to guess the current password. */
  rateLimitKey: string;
  input: PasswordChangeInput;
  rules: z.ZodType<string>;
  /** The account's stored hash, read fresh; null when the account is gone. */
  currentHash: () => Promise<string | null | undefined>;
  /** Stores the new hash and `passwordChangedAt` (ending every earlier session), and writes the audit entry. */
  save: (passwordHash: string, changedAt: Date) => Promise<void>;
}

const CHECK_LIMIT = { hits: 5, windowSeconds: 15 * 60 };

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { details: { fieldErrors: { [field]: message } } });

/**
 * Changing one's own password, for every kind of account: the current password first (rate limited
 * like a sign-in), then the new one under the account's rules, typed twice and not the old one. Saving
 * sets `passwordChangedAt`, which ends every session signed in before it (lib/auth/session-freshness.ts).
 */
export async function changeOwnPassword(change: PasswordChange): Promise<void> {
  const attempt = await consumeRateLimit(change.rateLimitKey, CHECK_LIMIT.hits, CHECK_LIMIT.windowSeconds);
  if (!attempt.allowed) {
    throw new AppError('FORBIDDEN', `Too many attempts. Wait ${Math.ceil(attempt.retryAfterSeconds / 60)} minutes and try again.`);
  }
  const { currentPassword = '', newPassword = '', confirmPassword = '' } = change.input;
  const currentHash = await change.currentHash();
  if (!currentPassword) throw invalid('currentPassword', 'Enter your current password.');
  if (!currentHash || !(await verifyPassword(currentHash, currentPassword))) {
    throw invalid('currentPassword', 'That is not your current password.');
  }
  const next = change.rules.safeParse(newPassword);
  if (!next.success) throw invalid('newPassword', next.error.issues[0]!.message);
  if (next.data !== confirmPassword) throw invalid('confirmPassword', 'The two new passwords differ.');
  if (await verifyPassword(currentHash, next.data)) throw invalid('newPassword', 'Choose a password you have not been using.');
  await change.save(await hashPassword(next.data), new Date());
  await resetRateLimit(change.rateLimitKey);
}
