import { AppError } from '@/lib/errors';

const MAX_TIMEOUT_MS = 120_000;

/**
 * A deadline for a call to an outside provider, in milliseconds, read from the environment. Unset or
 * empty is the default; anything else must be a whole number from 1 to 120000 and is refused otherwise,
 * so a typo cannot quietly become "wait for ever" or "give up at once".
 */
export function timeoutFromEnv(name: string, fallbackMs: number, env: Record<string, string | undefined> = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  const ms = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) {
    throw new AppError('INTERNAL', `${name} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`, { details: { variable: name } });
  }
  return ms;
}
