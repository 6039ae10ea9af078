// Every time a person reads (dashboard, console, storefront account, emails) is shown in the shop's own
// time zone, with the zone named ("CET", "GMT-3"): readers are in many zones and the server's is none.

export type DateTimeStyle = 'date' | 'long-date' | 'date-time' | 'long-date-time' | 'date-time-seconds' | 'full';

const options: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  'long-date': { day: 'numeric', month: 'long', year: 'numeric' },
  'date-time': { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  'long-date-time': { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  'date-time-seconds': {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string, style: DateTimeStyle): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { ...options[style], timeZone });
    formats.set(key, format);
  }
  return format;
}

/**
 * An instant as the shop's owner and buyers read it: `formatDateTime(at, 'Europe/Brussels')` →
 * "1 Jul 2026, 12:05 CEST". Dates alone ('date', 'long-date') are the calendar day in that zone.
 */
export function formatDateTime(at: Date, timeZone: string, style: DateTimeStyle = 'date-time'): string {
  return formatFor(timeZone, style).format(at);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant's calendar day in the zone, e.g. for a date input or a file name. */
export function isoDayIn(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}
