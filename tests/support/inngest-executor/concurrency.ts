import { evaluateValue } from '../inngest-expression';
import type { InngestTestEvent, RegisteredInngestFunction } from './types';

/**
 * A function's registered `concurrency` and `priority`, turned into what the scheduler counts and sorts by,
 * as Inngest does (pkg/inngest/concurrency.go, pkg/inngest/function.go `RunPriorityFactor`):
 * - `concurrency: n` or `{ limit }` caps the function's steps in progress; `{ key, limit, scope }` caps them per
 *   evaluated key. At most two limits (`consts.MaxConcurrencyLimits`). Keys are evaluated once, when the run is
 *   created, against its triggering event, and every request of the run carries them.
 * - `priority.run` is evaluated against the event; a whole number of seconds, clamped to ±12 h
 *   (`consts.PriorityFactorMin/Max`; the SDK documents ±600 s), that moves the run's queue items earlier.
 *   An expression that errors or returns a non-integer gives 0, as the server ignores the error.
 */

const MAX_CONCURRENCY_LIMITS = 2;
const PRIORITY_FACTOR_MAX_SECONDS = 12 * 60 * 60;

type ConcurrencyScope = 'fn' | 'env' | 'account';

export interface ConcurrencyLimit {
  limit: number;
  key?: string;
  scope: ConcurrencyScope;
}

/** One capacity the scheduler counts in-flight requests against. */
export interface ConcurrencyCounter {
  id: string;
  limit: number;
}

function parseOne(raw: unknown, fnId: string): ConcurrencyLimit {
  if (typeof raw === 'number') return { limit: raw, scope: 'fn' };
  if (!raw || typeof raw !== 'object') throw new Error(`Function "${fnId}": concurrency must be a number, an object or an array`);
  const { limit, key, scope } = raw as { limit?: unknown; key?: unknown; scope?: unknown };
  if (typeof limit !== 'number' || limit < 0) throw new Error(`Function "${fnId}": a concurrency limit needs a non-negative number`);
  if (scope !== undefined && scope !== 'fn' && scope !== 'env' && scope !== 'account')
    throw new Error(`Function "${fnId}": unknown concurrency scope ${JSON.stringify(scope)}`);
  return { limit, key: typeof key === 'string' && key ? key : undefined, scope: scope ?? 'fn' };
}

/** The limits as registered; a limit of 0 means "no limit" to Inngest, so it is dropped. */
export function parseConcurrency(raw: unknown, fnId: string): ConcurrencyLimit[] {
  if (raw === undefined || raw === null) return [];
  const list = (Array.isArray(raw) ? raw : [raw]).map((item) => parseOne(item, fnId));
  if (list.length > MAX_CONCURRENCY_LIMITS)
    throw new Error(`Function "${fnId}": at most ${MAX_CONCURRENCY_LIMITS} concurrency limits are allowed, got ${list.length}`);
  return list.filter((limit) => limit.limit > 0).sort((a, b) => a.limit - b.limit);
}

/** The evaluated key, as a string; a key that does not evaluate groups under the empty value. */
function keyValue(expression: string, event: InngestTestEvent): string {
  const value = evaluateValue(expression, { event });
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The counters one run's requests occupy. A function-scoped limit counts that function's steps; `env` and
 * `account` scoped keys are shared by every function whose key evaluates to the same value (Inngest keys
 * them `e:<env>:<hash>` / `a:<account>:<hash>`).
 */
export function runCounters(fn: RegisteredInngestFunction, event: InngestTestEvent): ConcurrencyCounter[] {
  return parseConcurrency(fn.concurrency, fn.fullId).map(({ limit, key, scope }) => {
    const owner = scope === 'fn' ? `fn:${fn.fullId}` : scope;
    return { id: key ? `${owner}:key:${keyValue(key, event)}` : owner, limit };
  });
}

/** The run's priority factor in milliseconds (Inngest multiplies the seconds by 1,000 when scoring). */
export function priorityFactorMs(fn: RegisteredInngestFunction, event: InngestTestEvent): number {
  const expression = (fn.priority as { run?: unknown } | undefined)?.run;
  if (typeof expression !== 'string' || !expression) return 0;
  const value = evaluateValue(expression, { event });
  if (typeof value !== 'number' || !Number.isInteger(value)) return 0;
  return Math.max(-PRIORITY_FACTOR_MAX_SECONDS, Math.min(PRIORITY_FACTOR_MAX_SECONDS, value)) * 1_000;
}
