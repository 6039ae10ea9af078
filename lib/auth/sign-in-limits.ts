import 'server-only';
import { CredentialsSignin } from 'next-auth';
import { clientAddress, trustProxyHeaders } from '@/lib/http/client-address';
import { log } from '@/lib/log';
import { consumeRateLimit, resetRateLimit } from '@/lib/rate-limit';

export class TooManyAttempts extends CredentialsSignin {
  code = 'rate_limited';
}

type SignInKind = 'customer' | 'staff' | 'admin';

/**
 * Sign-in limits for every kind of account, in PostgreSQL so they hold across instances. Both keys name
 * the shop (or the console), so wrong attempts at one shop never count at another:
 * - per account *and* client: 5 tries in 15 minutes guess one password from one place. Someone who knows
 *   a victim's email locks only themselves out; the victim, from their own address, is not affected.
 * - per client: 50 tries in 15 minutes spray many accounts from one place.
 * A request whose client this server cannot vouch for (no stamped socket address) gets no per-client
 * bucket rather than one shared with everybody else in that position.
 */
const ACCOUNT_AND_CLIENT_LIMIT = { hits: 5, windowSeconds: 15 * 60 };
export const CLIENT_LIMIT = { hits: 50, windowSeconds: 15 * 60 };

export interface SignInAttempt {
  kind: SignInKind;
  /** The shop's tenant id, or `platform` for the console. */
  realm: string;
  email: string;
  request: Request;
}

/** Counts the attempt; throws TooManyAttempts past a limit. Returns the key to forget on success. */
export async function admitSignIn(attempt: SignInAttempt): Promise<string> {
  const client = clientAddress(attempt.request.headers, { trustProxyHeaders: trustProxyHeaders() });
  const accountKey = `signin:${attempt.kind}:${attempt.realm}:${attempt.email}:${client ?? 'unvouched'}`;
  const buckets: [string, { hits: number; windowSeconds: number }][] = [[accountKey, ACCOUNT_AND_CLIENT_LIMIT]];
  if (client) buckets.push([`signin-client:${attempt.kind}:${attempt.realm}:${client}`, CLIENT_LIMIT]);
  const results = await Promise.all(buckets.map(([key, limit]) => consumeRateLimit(key, limit.hits, limit.windowSeconds)));
  if (results.every((r) => r.allowed)) return accountKey;
  // One line when a bucket fills up, not one per refused try: a client hammering away cannot flood the log.
  if (results.some((r, i) => r.hits === buckets[i]![1].hits + 1)) {
    log.warn({ event: 'signin_rate_limited', kind: attempt.kind, realm: attempt.realm }, 'sign-in attempts rate limited');
  }
  throw new TooManyAttempts();
}

/** A successful sign-in forgets that account's failures from that client. */
export function forgetSignInFailures(accountKey: string): Promise<void> {
  return resetRateLimit(accountKey);
}
