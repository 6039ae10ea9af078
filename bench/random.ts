import { mulberry32 } from '../db/seed/mulberry32';
/**
 * A seeded pseudo-random source (mulberry32), so the same options always seed the same platform and
 * pick the same kind of workload. Not for anything security-related.
 */
export type Random = ReturnType<typeof createRandom>;

export function createRandom(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('pick() from an empty list');
    return item;
  };
  /** `count` distinct items, in random order (partial Fisher–Yates on a copy). */
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = int(i, copy.length - 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, sample, chance: (p: number) => next() < p };
}
