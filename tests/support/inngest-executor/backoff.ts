/**
 * When Inngest sends a retry (pkg/backoff `TableBackoff`, the queue's default): a fixed table indexed by the
 * attempt that failed (0-based, capped at the last entry), plus 0–30 s of random jitter. A `Retry-After` on the
 * app's answer (the SDK sets it for `RetryAfterError`) replaces the table (pkg/execution/driver/httpdriver
 * `ParseRetry`): whole seconds when it is at most 7 characters, else a date, clipped to between 1 s and 24 h ahead.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const BACKOFF_TABLE_MS = [15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 20 * MINUTE, 40 * MINUTE, HOUR, 2 * HOUR] as const;
const BACKOFF_JITTER_MS = 30 * SECOND;
const MIN_RETRY_AFTER_MS = SECOND;
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** The wait before retry `retry` (1 = the first retry, i.e. after attempt 0 failed). */
export function inngestBackoff(retry: number, random: () => number = Math.random): number {
  const index = Math.min(Math.max(retry - 1, 0), BACKOFF_TABLE_MS.length - 1);
  return BACKOFF_TABLE_MS[index]! + Math.floor(random() * BACKOFF_JITTER_MS);
}

/** The clock time a `Retry-After` value asks for, or undefined when there is none or it cannot be read. */
export function retryAfterAt(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  let at: number | undefined;
  if (value.length <= 7) {
    const seconds = Number.parseInt(value, 10);
    // Inngest counts from the current second, truncated.
    if (seconds > 0) at = Math.floor(now / SECOND) * SECOND + seconds * SECOND;
  }
  if (at === undefined) {
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) return undefined;
    at = parsed;
  }
  const floor = Math.floor(now / SECOND) * SECOND;
  if (at - now > MAX_RETRY_AFTER_MS) return floor + MAX_RETRY_AFTER_MS;
  if (at - now < MIN_RETRY_AFTER_MS) return floor + MIN_RETRY_AFTER_MS;
  return at;
}
