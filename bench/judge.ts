/**
 * The catalog's targets, as ratios to two reference pages served by the same Next.js in the same run:
 * absolute req/s move with the machine, the ratios do not. See bench/README.md.
 */

export type ReferenceKind = 'static' | 'dynamic';

/** A scenario's throughput target: at least `minRatio` × the reference's req/s. */
export interface Target {
  reference: ReferenceKind;
  minRatio: number;
}

export const MAX_RSS_MB = 450;
export const MAX_P99_OVER_P50 = 3;
export const MIN_HOST_SPREAD_RATIO = 0.9;

/** What the judging reads of a load result. */
export interface Measured {
  reqPerSec: number;
  /** Server CPU (the `next start` process tree) per answered request, in ms. */
  cpuMsPerRequest: number | null;
  latencyMs: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  peakRssMb: number;
  validation: string | null;
}

/** Both ratios read "fraction of the reference", higher is better: req/s ÷ the reference's, and the reference's CPU ms ÷ this one's. */
export interface Ratios {
  reqPerSec: number | null;
  cpu: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Null when either side is missing or zero (a scenario that served nothing has no ratio). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a && b ? round2(a / b) : null;
}

/** Server cores in use on average ÷ requests per second, in ms. */
export function cpuMsPerRequest(serverCores: number, reqPerSec: number): number | null {
  return reqPerSec > 0 ? Math.round((serverCores / reqPerSec) * 10_000) / 10 : null;
}

function ratiosTo(result: Measured, reference: Measured | undefined): Ratios {
  return { reqPerSec: ratio(result.reqPerSec, reference?.reqPerSec), cpu: ratio(reference?.cpuMsPerRequest, result.cpuMsPerRequest) };
}

/** What every scenario must meet, references included: no errors, a bounded tail, the memory budget, the right page. */
export function judgeHealth(result: Measured): string[] {
  const failures: string[] = [];
  const errors = result.errors + result.non2xx;
  if (errors > 0) failures.push(`${errors} errors`);
  // autocannon reports whole milliseconds: a p50 under 1 ms counts as 1.
  const p50 = Math.max(1, result.latencyMs.p50);
  if (result.latencyMs.p99 > MAX_P99_OVER_P50 * p50) failures.push(`p99 ${result.latencyMs.p99} > ${MAX_P99_OVER_P50} × p50 ${result.latencyMs.p50} ms`);
  if (result.peakRssMb > MAX_RSS_MB) failures.push(`RSS ${result.peakRssMb} > ${MAX_RSS_MB} MB`);
  if (result.validation) failures.push(`wrong page: ${result.validation}`);
  return failures;
}

/**
 * A reference is sound when it answered every request with its page: otherwise every ratio to it is
 * wrong. Its tail and memory are shown but not judged (the targets are the storefront's).
 */
export function judgeReference(result: Measured): string[] {
  return judgeHealth(result).filter((f) => /errors$|^wrong page/.test(f));
}

/**
 * A scenario against its target. The req/s ratio is judged (as the targets are stated); the CPU ratio is
 * reported beside it. Judged at the two decimals shown, so a printed 0.60 against ≥ 0.6 passes.
 */
export function judgeScenario(result: Measured, target: Target | undefined, references: Partial<Record<ReferenceKind, Measured>>) {
  const reference = target ? references[target.reference] : undefined;
  const ratios = ratiosTo(result, reference);
  const failures = judgeHealth(result);
  if (target) {
    if (!reference) failures.unshift(`no ${target.reference} reference`);
    else if (ratios.reqPerSec === null || ratios.reqPerSec < target.minRatio)
      failures.unshift(`${ratios.reqPerSec ?? 0} < ${target.minRatio} × ${target.reference} (req/s)`);
  }
  return { ratios, pass: failures.length === 0, failures };
}

/** Many hosts ÷ one host for the same kind of request (miss vs miss, hit vs hit), on req/s. */
export function judgeHostSpread(many: Measured | undefined, one: Measured | undefined): { ratio: number | null; pass: boolean | null } {
  // Not judged when one side did not run (`--only`); judged as failed when many hosts served nothing.
  if (!many || !one?.reqPerSec) return { ratio: null, pass: null };
  const value = round2(many.reqPerSec / one.reqPerSec);
  return { ratio: value, pass: value >= MIN_HOST_SPREAD_RATIO };
}
