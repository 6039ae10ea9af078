/**
 * At most one log line per key and interval, in bounded memory: what a client can make the app log
 * (a forged cookie, a made-up auth action) must not let it fill the disk or bury other lines. Per process,
 * which is enough for logs: N instances write at most N lines per key and interval. When the table is
 * full the oldest key goes, which at worst lets one more line through.
 */
export interface LogThrottle {
  /** The number of lines held back for this key since its last one, or null to hold this one back too. */
  admit(key: string, now?: number): number | null;
}

export function createLogThrottle(options: { intervalMs: number; maxKeys: number }): LogThrottle {
  const windows = new Map<string, { until: number; held: number }>();
  return {
    admit(key, now = Date.now()) {
      const open = windows.get(key);
      if (open && open.until > now) {
        open.held += 1;
        return null;
      }
      windows.delete(key);
      if (windows.size >= options.maxKeys) windows.delete(windows.keys().next().value as string);
      windows.set(key, { until: now + options.intervalMs, held: 0 });
      return open?.held ?? 0;
    },
  };
}
