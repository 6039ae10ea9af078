/**
 * Sleep and timeout values as the SDK sends them: a compound duration string built from w/d/h/m/s parts
 * (`"2h30m"`, `"1d"`, `"10s"`) or, from `sleepUntil` and Date timeouts, an ISO timestamp.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const COMPOUND = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w)\s*)+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Milliseconds in an Inngest duration string, or undefined when it is not one. */
export function parseDuration(value: string): number | undefined {
  const trimmed = value.trim();
  if (!COMPOUND.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return total;
}

/** When a sleep or timeout that started at `now` ends; throws on a value Inngest would also reject. */
export function deadlineFrom(value: string, now: number): number {
  const duration = parseDuration(value);
  if (duration !== undefined) return now + duration;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new Error(`Not an Inngest duration or ISO date: ${JSON.stringify(value)}`);
  return at;
}
