import { z } from 'zod';

/** Where a shop's times are shown when nobody chose otherwise (the demo shops trade in Belgium). */
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

let known: Map<string, string> | undefined;

/**
 * The IANA name as the runtime lists it ('europe/brussels' → 'Europe/Brussels'), or null when it names
 * no zone. A current name the runtime knows only as an alias (its ICU lists 'Asia/Calcutta', accepts
 * 'Asia/Kolkata') is kept as written.
 */
export function canonicalTimeZone(raw: string): string | null {
  const name = raw.trim();
  // Offsets such as '+02:00' are accepted by Intl but follow no daylight saving rules: a shop names a place.
  if (name === '' || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  known ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const listed = known.get(name.toLowerCase());
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
    return /^[A-Z]/.test(name) ? name : resolved;
  } catch {
    return null;
  }
}

/** A form or console field holding a time zone; stored in its canonical spelling. */
export const timeZoneField = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const zone = canonicalTimeZone(raw);
    if (!zone) {
      ctx.addIssue({ code: 'custom', message: 'Choose a time zone such as Europe/Brussels.' });
      return z.NEVER;
    }
    return zone;
  });

/**
 * The zones a shop can choose from, as select options: the runtime's own list (so it matches what
 * validates), plus the shop's current zone if that list spells it otherwise. Built on the server and
 * passed down, so the browser's own list cannot make the page differ from what was rendered.
 */
export function timeZoneOptions(current: string): { value: string; label: string }[] {
  const names = Intl.supportedValuesOf('timeZone');
  const all = names.includes(current) ? names : [...names, current].sort();
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}
