import { describe, expect, it } from 'vitest';
import { formatDateTime, isoDayIn } from './format-date-time';
import { canonicalTimeZone, timeZoneField } from './time-zone';

const summer = new Date('2026-07-01T10:05:30Z');
const winter = new Date('2026-01-15T23:30:00Z');

describe('formatDateTime', () => {
  it('shows the instant on the shop’s wall clock with the zone named', () => {
    expect(formatDateTime(summer, 'Europe/Brussels')).toBe('1 Jul 2026, 12:05 CEST');
    expect(formatDateTime(winter, 'Europe/Brussels')).toBe('16 Jan 2026, 00:30 CET');
    expect(formatDateTime(summer, 'America/Sao_Paulo')).toBe('1 Jul 2026, 07:05 GMT-3');
    expect(formatDateTime(summer, 'Asia/Kolkata')).toBe('1 Jul 2026, 15:35 GMT+5:30');
    expect(formatDateTime(summer, 'UTC')).toBe('1 Jul 2026, 10:05 UTC');
  });

  it('has a style for seconds, for whole days and for the full date', () => {
    expect(formatDateTime(summer, 'Europe/Brussels', 'date-time-seconds')).toBe('1 Jul 2026, 12:05:30 CEST');
    expect(formatDateTime(winter, 'Europe/Brussels', 'date')).toBe('16 Jan 2026');
    expect(formatDateTime(winter, 'UTC', 'long-date')).toBe('15 January 2026');
    expect(formatDateTime(summer, 'Europe/Brussels', 'long-date-time')).toBe('1 July 2026 at 12:05 CEST');
    expect(formatDateTime(summer, 'Europe/Brussels', 'full')).toBe('Wednesday, 1 July 2026 at 12:05 CEST');
  });

  it('counts calendar days in the zone', () => {
    expect(isoDayIn(winter, 'Europe/Brussels')).toBe('2026-01-16');
    expect(isoDayIn(winter, 'America/New_York')).toBe('2026-01-15');
  });
});

describe('time zone names', () => {
  it('accepts IANA names in any case and stores the runtime’s spelling', () => {
    expect(canonicalTimeZone('europe/brussels')).toBe('Europe/Brussels');
    expect(canonicalTimeZone(' America/Sao_Paulo ')).toBe('America/Sao_Paulo');
    expect(timeZoneField.parse('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('utc')).toBe('UTC');
  });

  it('refuses what names no zone, offsets and oversized input', () => {
    for (const bad of ['', 'Mars/Olympus', '+02:00', 'Europe/Brussels; drop table', 'x'.repeat(65), '../etc/passwd']) {
      expect(canonicalTimeZone(bad)).toBeNull();
      expect(timeZoneField.safeParse(bad).success).toBe(false);
    }
  });
});
