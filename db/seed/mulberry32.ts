/**
 * mulberry32: a tiny, fast seeded generator; all that matters here is that a seed reproduces the same
 * sequence (demo data, benchmark data). Not for anything security-related.
 */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    // Kept in int32 range: a plain `+=` would drift past 2^53 after a few million calls.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
