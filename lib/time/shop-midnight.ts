import { DEFAULT_TIME_ZONE } from './time-zone';

const partFormats = new Map<string, Intl.DateTimeFormat>();

function localParts(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

/** How far the shop's wall clock is ahead of UTC at this instant, in milliseconds. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = Object.fromEntries(
    localParts(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** 00:00 of a calendar day in the shop's time zone (zones move their clocks at night, not at midnight). */
export function shopMidnight(year: number, month: number, day: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}
